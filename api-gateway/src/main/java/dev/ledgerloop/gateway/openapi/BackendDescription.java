package dev.ledgerloop.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one backend answered for its API description: its OpenAPI document, or why there is none.
 *
 * @param name how the backend is called in the merged description ("command side")
 * @param document the backend's OpenAPI document, null when it did not answer
 * @param failure why it did not answer, null when it did
 */
record BackendDescription(String name, ObjectNode document, String failure) {

    static BackendDescription answered(String name, ObjectNode document) {
        return new BackendDescription(name, document, null);
    }

    static BackendDescription missing(String name, String failure) {
        return new BackendDescription(name, null, failure);
    }

    boolean isAnswered() {
        return document != null;
    }
}
