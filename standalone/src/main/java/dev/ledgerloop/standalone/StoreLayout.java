package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * The names of a collection's maps in the embedded MongoDB's H2 file, by the collection's namespace ({@code
 * database.collection}): the file's format, so they must not change. The first three are mongo-java-server's H2
 * backend's (its documents, though, are BSON here: {@link BsonDocumentType}); the unique keys are ours ({@link
 * UniqueKeyIndex}). The types of the maps' keys and values are the format too, and are given here as well.
 */
final class StoreLayout {
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String UNIQUE_KEYS_INFIX = "._keys_";

    private StoreLayout() {}

    static String documents(String namespace) {
        return DOCUMENTS_PREFIX + namespace;
    }

    /** A documents map: documents as BSON, by their id. */
    static MVMap.Builder<Object, Document> documentTypes() {
        return new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType());
    }

    /** A unique index's map: keys compared value by value (a type of its own per map, see {@link KeyValueType}). */
    static MVMap.Builder<KeyValue, Object> uniqueKeyTypes() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType());
    }

    /** The types of the map named {@code map}, by its name; H2's defaults for the maps not named above. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MVMap.Builder<Object, Object> typesOf(String map) {
        if (map.startsWith(DOCUMENTS_PREFIX)) {
            return (MVMap.Builder) documentTypes();
        }
        if (map.contains(UNIQUE_KEYS_INFIX)) {
            return (MVMap.Builder) uniqueKeyTypes();
        }
        return new MVMap.Builder<>();
    }

    /** The same in the layout before BSON documents: documents as H2's default type wrote them. */
    static MVMap.Builder<Object, Object> typesBeforeBson(String map) {
        return map.startsWith(DOCUMENTS_PREFIX) ? new MVMap.Builder<>() : typesOf(map);
    }

    static String meta(String namespace) {
        return "meta." + namespace;
    }

    /**
     * mongo-java-server's backend keeps unique indexes here; older versions of ours kept non-unique ones here too,
     * without the groups of dates ({@link FieldIndex}).
     */
    static String index(String namespace, String index) {
        return namespace + "._index_" + index;
    }

    /** A non-unique index on one field ({@link FieldIndex}). */
    static String fieldIndex(String namespace, String index) {
        return namespace + "._field_index_" + index;
    }

    static String uniqueKeys(String namespace, String index) {
        return namespace + UNIQUE_KEYS_INFIX + index;
    }
}
