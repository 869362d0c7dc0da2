package dev.ledgerloop.standalone;

/**
 * The names of a collection's maps in the embedded MongoDB's H2 file, by the collection's namespace ({@code
 * database.collection}): the file's format, so they must not change. The first three are mongo-java-server's H2
 * backend's (its documents, though, are BSON here: {@link BsonDocumentType}); the unique keys are ours ({@link
 * UniqueKeyIndex}).
 */
final class StoreLayout {
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String UNIQUE_KEYS_INFIX = "._keys_";

    private StoreLayout() {}

    static String documents(String namespace) {
        return DOCUMENTS_PREFIX + namespace;
    }

    static boolean isDocuments(String map) {
        return map.startsWith(DOCUMENTS_PREFIX);
    }

    static boolean isUniqueKeys(String map) {
        return map.contains(UNIQUE_KEYS_INFIX);
    }

    static String meta(String namespace) {
        return "meta." + namespace;
    }

    /** A non-unique index ({@link FieldEqualityIndex}); mongo-java-server's backend keeps unique indexes here too. */
    static String index(String namespace, String index) {
        return namespace + "._index_" + index;
    }

    static String uniqueKeys(String namespace, String index) {
        return namespace + UNIQUE_KEYS_INFIX + index;
    }
}
