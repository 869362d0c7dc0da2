package dev.ledgerloop.standalone;

/**
 * The names of a collection's maps in the embedded MongoDB's H2 file, by the collection's namespace ({@code
 * database.collection}): the file's format, so they must not change. The first three are mongo-java-server's H2
 * backend's; the unique keys are ours ({@link UniqueKeyIndex}).
 */
final class StoreLayout {
    private StoreLayout() {}

    static String documents(String namespace) {
        return "databases." + namespace;
    }

    static String meta(String namespace) {
        return "meta." + namespace;
    }

    /** A non-unique index ({@link FieldEqualityIndex}); mongo-java-server's backend keeps unique indexes here too. */
    static String index(String namespace, String index) {
        return namespace + "._index_" + index;
    }

    static String uniqueKeys(String namespace, String index) {
        return namespace + "._keys_" + index;
    }
}
