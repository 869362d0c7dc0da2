package dev.ledgerloop.standalone;

/** An index kept in a map of the H2 store named after its collection, which follows the collection when renamed. */
interface MovableIndex {
    void moveTo(String namespace);
}
