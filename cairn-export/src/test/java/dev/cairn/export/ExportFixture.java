package dev.cairn.export;

import static dev.cairn.workspace.model.ColumnType.ATTACHMENT;
import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.DATETIME;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.EMAIL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;

import dev.cairn.export.build.BundleBuilder;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.bundle.SigningKey;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.testkit.Directories;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.RecordsServices;
import dev.cairn.workspace.WorkspaceFeature;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.storage.TenantStores;
import dev.cairn.workspace.files.AttachmentReader;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordInput;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.snapshot.WorkspaceSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A workspace of one dialect with two tables that use every column type and the values formats get wrong (unicode,
 * the empty text beside null, text that looks like a formula, quotes, commas, CR and LF, a control character, a
 * decimal of 19 digits, negative money, instants with milliseconds, references, choices), a third table of attached
 * files (two in one record, a unicode name, the same name in two records, none), and the bundle built of it.
 */
public final class ExportFixture implements AutoCloseable {
    public static final SigningKey KEY = SigningKey.generate(new SecureRandom());
    public final Database db;
    public final MutableClock clock = MutableClock.create();
    public final RecordsServices ws;
    public final Caller ann;
    public final Path scratch;
    public final Schema schema;
    /** The attachment stores (under {@link #scratch}) and their service. */
    public final TenantStores stores;
    public final AttachmentService files;
    /** The quota the attachments are counted in. */
    public final QuotaService quota;
    /** The bytes of each upload, by upload id. */
    public final Map<String, byte[]> uploaded = new LinkedHashMap<>();
    /** Ids of the records made, by table. */
    public final Map<String, List<Long>> ids = new LinkedHashMap<>();

    public ExportFixture(Dialect dialect) {
        this.db = TestDatabases.open(dialect, List.of(WorkspaceFeature.MIGRATIONS));
        this.scratch = tempDir();
        this.ws = RecordsServices.create(db, clock, new Random(7)::nextBytes, new SpoolDirectory(scratch));
        long account = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, password_hash, "
                + "status, plan, created_at) VALUES ('ann', 'ann@example.com', 'x', 'active', 'default', 0) "
                + "RETURNING id").mapTo(Long.class).one());
        Caller c = ws.workspaces().resolve(account, "ann", null, false);
        this.ann = new Caller(c.workspaceId(), c.workspaceOwner(), c.accountId(), c.accountName(), c.role());
        this.schema = new Schema(dialect);
        this.stores = new TenantStores(scratch.resolve("store").toString());
        this.quota = new QuotaService(db.jdbi(), clock, "test");
        this.files = new AttachmentService(db.jdbi(), stores, quota,
                new SpoolDirectory(scratch.resolve("spool")), new Random(11)::nextBytes, clock,
                AttachmentService.DEFAULT_MAX_BYTES);
    }

    /** Creates the two tables and their records. */
    public ExportFixture withData() {
        ws.tables().create(ann, new TableSpec("customers", "Customers", List.of(
                ColumnSpec.of("name", TEXT).asRequired(), ColumnSpec.of("email", EMAIL).asUnique(),
                ColumnSpec.of("vip", BOOLEAN), ColumnSpec.of("credit", MONEY).inCurrency("EUR"),
                ColumnSpec.of("since", DATE), ColumnSpec.of("note", LONG_TEXT))));
        ws.tables().create(ann, new TableSpec("orders", null, List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers"),
                new ColumnSpec("total", null, DECIMAL, null, null, null, null, 4, null, null, null, null, null),
                ColumnSpec.of("status", CHOICE).withChoices("open", "paid"), ColumnSpec.of("placed", DATETIME),
                ColumnSpec.of("quantity", INTEGER), ColumnSpec.of("price", MONEY))));
        // computed columns (ADR 42) travel as definitions, and their values as of the export
        ws.tables().patch(ann, "orders", new TablePatch(null, null, null, null, null, List.of(
                ColumnSpec.autoNumber("number", "SO-", 1001), ColumnSpec.formula("double_quantity", "quantity * 2"),
                ColumnSpec.formula("buyer", "upper(customer.name) & \" · \" & status"))));
        ws.tables().patch(ann, "customers", new TablePatch(null, null, null, null, null, List.of(
                ColumnSpec.formula("ordered", "sum(orders.total)"), ColumnSpec.formula("orders", "count(orders)"),
                ColumnSpec.formula("due", "add_days(since, 30)"), ColumnSpec.formula("rich", "credit > 10"))));
        long zoe = customer("Zoë 日本 🎉", "zoe@example.com", true, "12.50", "1999-12-31", "line 1\r\nline \"2\", end");
        long eve = customer("=1+1", "eve@example.com", false, "-0.01", null, "@SUM(A1) \u0001 bell _x0041_");
        long nul = customer("+2", null, null, null, null, null);
        order(zoe, "123456789012345.6789", "paid", "2026-01-02T03:04:05.120Z", 9_007_199_254_740_993L, "7.00", "USD");
        order(eve, "0.0000", "open", null, -3L, null, null);
        order(null, null, null, "1970-01-01T00:00:00Z", null, "-1234.56", "CHF");
        blankNote(nul);
        ws.tables().create(ann, new TableSpec("files", null, List.of(ColumnSpec.of("title", TEXT),
                ColumnSpec.of("scan", ATTACHMENT), ColumnSpec.of("photo", ATTACHMENT))));
        Attachment scan = upload("Rechnung März 2026.pdf", "%PDF-1.7\n% ünïcode\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Attachment photo = upload("photo \"1\".png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0});
        Attachment again = upload("Rechnung März 2026.pdf", new byte[0]);
        file("two files", scan, photo);
        file("none", null, null);
        file("same name, empty file", again, null);
        return this;
    }

    private Attachment upload(String name, byte[] bytes) {
        try {
            Attachment a = files.upload(ann, name, "application/octet-stream", new ByteArrayInputStream(bytes),
                    bytes.length);
            uploaded.put(a.id(), bytes);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void file(String title, Attachment scan, Attachment photo) {
        Map<String, Value> f = new LinkedHashMap<>();
        f.put("title", new Value.Text(title));
        put(f, "scan", scan == null ? null : Attachment.pending(scan.id(), "scan"));
        put(f, "photo", photo);
        add("files", f);
    }

    private long customer(String name, String email, Boolean vip, String credit, String since, String note) {
        Map<String, Value> f = new LinkedHashMap<>();
        f.put("name", new Value.Text(name));
        put(f, "email", email == null ? null : new Value.Text(email));
        put(f, "vip", vip == null ? null : new Value.Bool(vip));
        put(f, "credit", credit == null ? null : new Money(new BigDecimal(credit), "EUR"));
        put(f, "since", since == null ? null : new Value.Date(LocalDate.parse(since)));
        put(f, "note", note == null ? null : new Value.Text(note));
        return add("customers", f);
    }

    private void order(Long customer, String total, String status, String placed, Long quantity, String price,
            String currency) {
        Map<String, Value> f = new LinkedHashMap<>();
        put(f, "customer", customer == null ? null : new Value.Reference(customer));
        put(f, "total", total == null ? null : new Value.Decimal(new BigDecimal(total)));
        put(f, "status", status == null ? null : new Value.Text(status));
        put(f, "placed", placed == null ? null : new Value.DateTime(Instant.parse(placed)));
        put(f, "quantity", quantity == null ? null : new Value.Whole(quantity));
        put(f, "price", price == null ? null : new Money(new BigDecimal(price), currency));
        add("orders", f);
    }

    private static void put(Map<String, Value> f, String name, Value v) {
        if (v != null) {
            f.put(name, v);
        }
    }

    private long add(String table, Map<String, Value> fields) {
        Record r = ws.records().create(ann, table, RecordInput.of(fields));
        ids.computeIfAbsent(table, t -> new ArrayList<>()).add(r.id());
        return r.id();
    }

    /** The empty text, which the services never write (they read "" as empty), set in the database directly. */
    private void blankNote(long id) {
        TableDef t = table("customers");
        db.jdbi().useHandle(h -> h.execute("UPDATE " + t.sql() + " SET " + t.column("note").orElseThrow().sql()
                + " = '' WHERE id = ?", id));
    }

    public TableDef table(String name) {
        return db.reads().withHandle(h -> schema.require(h, ann.workspaceId(), name));
    }

    /** The records of {@code table} as the record service reads them: [id, version, canonical values...]. */
    public List<List<Object>> expected(String table) {
        TableDef t = table(table);
        List<List<Object>> out = new ArrayList<>();
        for (long id : ids.getOrDefault(table, List.of())) {
            Record r = ws.records().get(ann, table, id);
            List<Object> row = new ArrayList<>(List.of(r.id(), r.version()));
            t.columns().forEach(c -> row.add(c.isComputed() ? null // a copy keeps computed columns' definitions only
                    : r.value(c.name()) instanceof Attachment a
                    ? "attachments/" + table + "/" + r.id() + "/" + c.name() + "/" + a.name()
                    : Value.canonicalOf(r.value(c.name()))));
            out.add(row);
        }
        return out;
    }

    /** The column types of {@code table}'s live columns. */
    public List<ColumnType> types(String table) {
        return table(table).columns().stream().map(c -> c.type()).toList();
    }

    public BundleBuilder builder() {
        return new BundleBuilder(new WorkspaceSnapshots(db.reads(), schema, AttachmentReader.of(stores)), clock,
                "test", scratch);
    }

    /** Builds a bundle of {@code formats} in memory and unpacks it. */
    public Unpacked bundle(List<String> formats, boolean history) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder().build(new BundleBuilder.Request(ann.workspaceId(), formats, history), KEY, out);
        return Unpacked.of(out.toByteArray());
    }

    /** A bundle's files by path, in order. */
    public record Unpacked(Map<String, byte[]> files) {
        public static Unpacked of(byte[] zip) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Unpacked(files);
        }

        public byte[] file(String path) {
            byte[] b = files.get(path);
            if (b == null) {
                throw new AssertionError("the bundle has no " + path + ": " + files.keySet());
            }
            return b;
        }

        public Manifest manifest() throws IOException {
            return Manifest.parse(file(Manifest.PATH));
        }
    }

    @Override
    public void close() {
        try {
            stores.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db.close();
        Directories.deleteRecursively(scratch);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("cairn-export-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
