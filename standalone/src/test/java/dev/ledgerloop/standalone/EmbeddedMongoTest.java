package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
    @TempDir
    Path dataDirectory;

    @Test
    void documents_written_through_the_real_driver_survive_a_restart() throws Exception {
        Path file = dataDirectory.resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "s-1").append("status", "Active"));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = collection(client).find(new Document("_id", "s-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("Active");
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("ledgerloop").getCollection("sessions");
    }
}
