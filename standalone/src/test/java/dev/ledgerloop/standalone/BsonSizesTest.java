package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BsonSizesTest {
    @Test
    void every_kind_of_value_is_sized_as_the_server_encodes_it() {
        Document document = new Document("_id", new ObjectId())
                .append("ascii", "plain")
                .append("snowman ☃", "snow ☃ and 𝄞")
                .append("unpaired", "a\uD800b")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("true", true)
                .append("null", null)
                .append("date", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 255}))
                .append("array", List.of(1, "two", new Document("three", 3L), List.of()))
                .append("long array", new ArrayList<>(java.util.Collections.nCopies(12, "x")))
                .append("embedded", new Document("inner", new Document("deep", List.of(true, false))))
                .append("empty", new Document());
        assertThat(BsonSizes.of(document)).isEqualTo(BsonSizes.encodedSize(document));

        for (Object other : List.of(
                UUID.randomUUID(),
                new Decimal128(new BigDecimal("12.3400")),
                new BsonTimestamp(7),
                List.of(new Document("in", UUID.randomUUID())))) {
            Document holding = new Document("_id", "x").append("other", other);
            assertThat(BsonSizes.of(holding)).as("%s", other).isEqualTo(BsonSizes.encodedSize(holding));
        }
    }

    @Test
    void documents_shaped_like_the_views_are_sized_as_the_server_encodes_them() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            Document document = new Document("_id", "m-" + random.nextInt())
                    .append("sessionId", UUID.randomUUID().toString())
                    .append("sequence", random.nextLong())
                    .append("content", "é".repeat(random.nextInt(3)) + "text ".repeat(random.nextInt(40)))
                    .append("components", List.of(new Document("type", "button").append("value", random.nextInt())))
                    .append("createdAt", Instant.ofEpochSecond(random.nextInt()))
                    .append("answered", random.nextBoolean() ? null : random.nextDouble());
            assertThat(BsonSizes.of(document)).isEqualTo(BsonSizes.encodedSize(document));
        }
    }
}
