package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The schema subset the OpenAPI tests check answers with: each rule can refuse a value. */
class SchemaCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOC = """
            {"components": {"schemas": {
              "Token": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                "scope": {"enum": ["read", "full"]}, "expiresAt": {"type": ["string", "null"]},
                "owner": {"anyOf": [{"$ref": "#/components/schemas/Row"}, {"type": "null"}]}},
                "required": ["id", "name"]},
              "Tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}},
              "Row": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"],
                "additionalProperties": {"type": ["string", "null"]}}}}}""";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static java.util.List<String> check(String value, String schema) throws Exception {
        JsonNode doc = json(DOC);
        return new SchemaCheck(doc).check(json(value), doc.at("/components/schemas/" + schema));
    }

    @Test
    void aFittingValuePasses() throws Exception {
        assertThat(check("[{\"id\": 1, \"name\": \"laptop\", \"scope\": \"read\", \"expiresAt\": null}]", "Tokens"))
                .isEmpty();
        assertThat(check("{\"id\": 3, \"customer_name\": \"Acme\", \"notes\": null}", "Row")).isEmpty();
    }

    @Test
    void eachRuleRefusesWhatBreaksIt() throws Exception {
        assertThat(check("[{\"id\": \"1\", \"name\": \"laptop\"}]", "Tokens")).singleElement().asString()
                .startsWith("$[0].id: string where");
        assertThat(check("[{\"id\": 1}]", "Tokens")).containsExactly("$[0]: required property name is missing");
        assertThat(check("[{\"id\": 1, \"name\": \"x\", \"scope\": \"root\"}]", "Tokens")).singleElement()
                .asString().contains("not one of");
        assertThat(check("[{\"id\": 1, \"name\": \"x\", \"token_id\": 4}]", "Tokens"))
                .containsExactly("$[0].token_id: not in the schema");
        assertThat(check("{\"id\": 3, \"qty\": 4}", "Row")).singleElement().asString().startsWith("$.qty: number");
        assertThat(check("{}", "Tokens")).singleElement().asString().startsWith("$: object where");
        assertThat(check("[{\"id\": 1, \"name\": \"x\", \"owner\": null}]", "Tokens")).isEmpty();
        assertThat(check("[{\"id\": 1, \"name\": \"x\", \"owner\": {\"qty\": 1}}]", "Tokens")).singleElement()
                .asString().contains("fits none of");
    }

    @Test
    void stringAndNumberRulesRefuseWhatBreaksThem() throws Exception {
        JsonNode doc = json(DOC);
        SchemaCheck c = new SchemaCheck(doc);
        JsonNode sha = json("{\"type\": \"string\", \"pattern\": \"^[0-9a-f]{64}$\", \"minLength\": 64}");
        assertThat(c.check(json("\"" + "ab".repeat(32) + "\""), sha)).isEmpty();
        assertThat(c.check(json("\"" + "AB".repeat(32) + "\""), sha)).singleElement().asString()
                .contains("does not match");
        assertThat(c.check(json("\"ab\""), sha)).hasSize(2).anySatisfy(m -> assertThat(m).contains("shorter than 64"));
        JsonNode time = json("{\"type\": \"string\", \"format\": \"date-time\"}");
        assertThat(c.check(json("\"2026-11-23T10:00:00.123Z\""), time)).isEmpty();
        assertThat(c.check(json("\"2026-11-23\""), time)).singleElement().asString().contains("not a date-time");
        JsonNode hours = json("{\"type\": \"integer\", \"format\": \"int64\", \"minimum\": 1, \"maximum\": 168}");
        assertThat(c.check(json("168"), hours)).isEmpty();
        assertThat(c.check(json("0"), hours)).singleElement().asString().contains("below the minimum 1");
        assertThat(c.check(json("169"), hours)).singleElement().asString().contains("above the maximum 168");
        assertThat(c.check(json("9223372036854775808"), json("{\"format\": \"int64\"}"))).singleElement()
                .asString().contains("not an int64");
    }

    @Test
    void aReferenceToNothingIsReported() throws Exception {
        assertThat(new SchemaCheck(json(DOC)).check(json("1"), json("{\"$ref\": \"#/components/schemas/Nope\"}")))
                .containsExactly("$: $ref #/components/schemas/Nope names no schema");
    }
}
