package dev.cairn.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.http.ListingParams;
import dev.cairn.workspace.http.RecordBodies;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Change;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordPage;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.records.RecordService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record service called as the JSON API calls it, for service tests written in the API's terms: bodies go through
 * the API's reader ({@link RecordBodies}), listings through its parameters ({@link ListingParams}), and records come
 * back in the API's form ({@link Record#wireForm()}).
 */
public record JsonRecords(RecordService service) {

    public static JsonRecords of(RecordsServices services) {
        return new JsonRecords(services.records());
    }

    /** A listing as {@code GET .../records?filter=…&sort=…&q=…&limit=…&offset=…} asks for it. */
    public static RecordQuery query(List<String> filters, String sort, String search, int limit, int offset) {
        return ListingParams.query(filters, sort, search, limit, offset);
    }

    /** Values in their wire form, by column name. */
    public static Map<String, Object> wire(Map<String, Value> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value == null ? null : value.wire()));
        return out;
    }

    /** Rows of values in their wire form. */
    public static List<List<Object>> wireRows(List<List<Value>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v == null ? null : v.wire()).toList()).toList();
    }

    /** A page of records in the API's form. */
    public record Page(List<Map<String, Object>> records, int offset, int limit, boolean hasMore) {
    }

    public Map<String, Object> create(Caller caller, String table, JsonNode body) {
        return service.create(caller, table, RecordBodies.create(body)).wireForm();
    }

    public Map<String, Object> get(Caller caller, String table, long id) {
        return service.get(caller, table, id).wireForm();
    }

    /** An update with {@code ifMatch} as the {@code If-Match} version (null: none). */
    public Map<String, Object> update(Caller caller, String table, long id, Long ifMatch, JsonNode body) {
        return service.update(caller, table, id, RecordBodies.version(ifMatch, body), RecordBodies.update(body))
                .wireForm();
    }

    public void delete(Caller caller, String table, long id, Long version) {
        service.delete(caller, table, id, version);
    }

    public Map<String, Object> restore(Caller caller, String table, long id) {
        return service.restore(caller, table, id).wireForm();
    }

    public List<Change> history(Caller caller, String table, long id) {
        return service.history(caller, table, id);
    }

    public List<Map<String, Object>> deleted(Caller caller, String table) {
        return service.deleted(caller, table).stream().map(d -> {
            Map<String, Object> m = d.record().wireForm();
            m.put("deletedAt", d.deletedAt());
            m.put("deletedBy", d.deletedBy());
            return m;
        }).toList();
    }

    public Page list(Caller caller, String table, RecordQuery query) {
        RecordPage page = service.list(caller, table, query);
        return new Page(page.records().stream().map(Record::wireForm).toList(), page.offset(), page.limit(),
                page.hasMore());
    }
}
