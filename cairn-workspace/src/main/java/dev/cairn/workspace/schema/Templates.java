package dev.cairn.workspace.schema;

import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.DATETIME;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.EMAIL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.PHONE;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;

import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starter templates: complete, related sets of tables a workspace can begin from, with formula and auto-number columns
 * (order totals, invoice balances; ADR 42) and, when asked, a few sample records. Applying one creates all its tables
 * in one transaction (all or none; 409 if a table name is taken); the samples are written after it, through the
 * {@link SampleWriter}. Stateless.
 */
public final class Templates {
    /**
     * A template: its path name, its title, its tables in creation order (references point backwards), the computed
     * columns added once all tables exist ({@code later}: table name, columns; rollups point forwards), and its sample
     * records in writing order.
     */
    public record Template(String name, String title, List<TableSpec> tables, List<Later> later,
            @com.fasterxml.jackson.annotation.JsonIgnore List<Sample> samples) {
    }

    /** Columns added to {@code table} after every table of the template exists. */
    public record Later(String table, List<ColumnSpec> columns) {
    }

    /**
     * A sample record: {@code fields} by column name; a reference's value is a {@link SampleRef} to an earlier sample
     * of the referenced table.
     */
    public record Sample(String table, Map<String, Object> fields) {
    }

    /** The {@code index}-th (from 0) sample record of {@code table}. */
    public record SampleRef(String table, int index) {
    }

    /** Writes one record as the caller; returns its id. */
    public interface SampleWriter {
        long write(Caller caller, String table, Map<String, Value> fields);
    }

    /** The currency of the templates' money columns unless the caller chooses another. */
    public static final String DEFAULT_CURRENCY = "EUR";
    private final TableService tables;
    private final SampleWriter samples;

    public Templates(TableService tables, SampleWriter samples) {
        this.tables = tables;
        this.samples = samples;
    }

    public List<Template> list() {
        return all(DEFAULT_CURRENCY);
    }

    private static List<Template> all(String currency) {
        return List.of(ordersAndBilling(currency), clientMatters(), patientsAndAppointments());
    }

    /** Creates the template's tables in the caller's workspace, without samples, money in {@code EUR}. */
    public List<TableSpec> apply(Caller caller, String name) {
        return apply(caller, name, false, DEFAULT_CURRENCY);
    }

    /**
     * Creates the template's tables in the caller's workspace, money columns in {@code currency} (an ISO 4217 code),
     * then, if {@code withSamples}, its sample records.
     */
    public List<TableSpec> apply(Caller caller, String name, boolean withSamples, String currency) {
        String code = currency == null || currency.isBlank() ? DEFAULT_CURRENCY
                : currency.strip().toUpperCase(Locale.ROOT);
        if (!ValueRules.isCurrency(code)) {
            throw ValidationException.of("currency", "'" + currency + "' is not an ISO 4217 currency code");
        }
        Template template = all(code).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                ServiceException.notFound("no template '" + name + "'; use one of "
                        + all(code).stream().map(Template::name).toList()));
        List<TableSpec> created = tables.createAll(caller, template.tables(), template.later());
        if (withSamples) {
            writeSamples(caller, template, code);
        }
        return created;
    }

    private void writeSamples(Caller caller, Template template, String currency) {
        Map<String, List<Long>> ids = new HashMap<>();
        for (Sample sample : template.samples()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            sample.fields().forEach((column, v) -> fields.put(column, switch (v) {
                case SampleRef r -> new Value.Reference(ids.get(r.table()).get(r.index()));
                case Money m -> new Money(m.amount(), currency);
                case Value value -> value;
                default -> throw new IllegalStateException("sample value " + v);
            }));
            ids.computeIfAbsent(sample.table(), t -> new ArrayList<>()).add(samples.write(caller, sample.table(),
                    fields));
        }
    }

    private static ColumnSpec col(String name, ColumnType type) {
        return ColumnSpec.of(name, type);
    }

    private static TableSpec table(String name, String label, ColumnSpec... columns) {
        return new TableSpec(name, label, List.of(columns));
    }

    private static Later later(String table, ColumnSpec... columns) {
        return new Later(table, List.of(columns));
    }

    private static Sample row(String table, Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], switch (pairs[i + 1]) {
                case String text -> new Value.Text(text);
                case Integer n -> new Value.Whole(n);
                case LocalDate d -> new Value.Date(d);
                case Boolean b -> new Value.Bool(b);
                default -> pairs[i + 1];
            });
        }
        return new Sample(table, fields);
    }

    private static SampleRef ref(String table, int index) {
        return new SampleRef(table, index);
    }

    /** An amount in the template's currency (chosen when it is applied). */
    private static Money money(String amount) {
        return new Money(new BigDecimal(amount), DEFAULT_CURRENCY);
    }

    private static Value.Decimal decimal(String value) {
        return new Value.Decimal(new BigDecimal(value));
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static Template ordersAndBilling(String currency) {
        return new Template("orders-and-billing", "Orders and billing", List.of(
                table("customers", "Customers", col("name", TEXT).asRequired(), col("email", EMAIL).asUnique(),
                        col("phone", PHONE), col("billing_address", LONG_TEXT), col("vat_number", TEXT),
                        col("customer_since", DATE)),
                table("products", "Products", col("sku", TEXT).asRequired().asUnique(),
                        col("name", TEXT).asRequired(), col("description", LONG_TEXT),
                        col("unit_price", MONEY).inCurrency(currency).asRequired(), col("vat_rate_percent", DECIMAL),
                        col("active", BOOLEAN).withDefault(new Value.Bool(true))),
                table("orders", "Orders", ColumnSpec.autoNumber("number", "SO-", 1001).labelled("Number"),
                        col("customer", REFERENCE).referencing("customers").asRequired(),
                        col("order_date", DATE).asRequired(),
                        col("status", CHOICE).withChoices("draft", "confirmed", "shipped", "delivered", "cancelled")
                                .withDefault(new Value.Text("draft")), col("notes", LONG_TEXT)),
                table("order_lines", "Order lines", col("order", REFERENCE).referencing("orders").asRequired(),
                        col("product", REFERENCE).referencing("products").asRequired(),
                        col("quantity", INTEGER).asRequired().withDefault(new Value.Whole(1)),
                        col("unit_price", MONEY).inCurrency(currency).asRequired(), col("discount_percent", DECIMAL),
                        ColumnSpec.formula("line_total", "quantity * unit_price * (100 - coalesce(discount_percent, "
                                + "0)) / 100").labelled("Line total")),
                table("invoices", "Invoices", ColumnSpec.autoNumber("number", "INV-", 1).labelled("Number"),
                        col("customer", REFERENCE).referencing("customers").asRequired(),
                        col("order", REFERENCE).referencing("orders"), col("issue_date", DATE).asRequired(),
                        col("due_date", DATE), col("total", MONEY).inCurrency(currency).asRequired(),
                        col("status", CHOICE).withChoices("draft", "sent", "paid", "overdue", "void")
                                .withDefault(new Value.Text("draft"))),
                table("payments", "Payments", col("invoice", REFERENCE).referencing("invoices").asRequired(),
                        col("paid_on", DATE).asRequired(), col("amount", MONEY).inCurrency(currency).asRequired(),
                        col("method", CHOICE).withChoices("bank_transfer", "card", "cash", "other"),
                        col("reference", TEXT))),
                List.of(later("orders", ColumnSpec.formula("total", "sum(order_lines.line_total)").labelled("Total"),
                        ColumnSpec.formula("lines", "count(order_lines)").labelled("Lines")),
                        later("invoices", ColumnSpec.formula("paid", "sum(payments.amount)").labelled("Paid"),
                        ColumnSpec.formula("balance", "total - paid").labelled("Balance"),
                        ColumnSpec.formula("overdue", "balance > 0 and due_date < today()").labelled("Overdue"))),
                ordersSamples());
    }

    private static List<Sample> ordersSamples() {
        return List.of(
                row("customers", "name", "Acme Trading", "email", "orders@acme.example", "vat_number", "NL123456789B01",
                        "customer_since", day("2024-03-01")),
                row("customers", "name", "Borealis Ltd", "email", "ap@borealis.example", "customer_since",
                        day("2025-06-15")),
                row("customers", "name", "Café Central", "email", "hallo@cafe-central.example"),
                row("products", "sku", "LAMP-1", "name", "Desk lamp", "unit_price", money("39.90"),
                        "vat_rate_percent", decimal("21")),
                row("products", "sku", "CHAIR-2", "name", "Office chair", "unit_price", money("189.00"),
                        "vat_rate_percent", decimal("21")),
                row("products", "sku", "MUG-3", "name", "Mug", "unit_price", money("7.50"), "vat_rate_percent",
                        decimal("9")),
                row("orders", "customer", ref("customers", 0), "order_date", day("2026-11-02"), "status", "delivered"),
                row("orders", "customer", ref("customers", 1), "order_date", day("2026-11-20"), "status", "shipped"),
                row("orders", "customer", ref("customers", 2), "order_date", day("2026-12-01"), "status", "draft"),
                row("order_lines", "order", ref("orders", 0), "product", ref("products", 0), "quantity", 4,
                        "unit_price", money("39.90")),
                row("order_lines", "order", ref("orders", 0), "product", ref("products", 2), "quantity", 12,
                        "unit_price", money("7.50"), "discount_percent", decimal("10")),
                row("order_lines", "order", ref("orders", 1), "product", ref("products", 1), "quantity", 2,
                        "unit_price", money("189.00")),
                row("order_lines", "order", ref("orders", 2), "product", ref("products", 2), "quantity", 30,
                        "unit_price", money("7.50")),
                row("invoices", "customer", ref("customers", 0), "order", ref("orders", 0), "issue_date",
                        day("2026-11-03"), "due_date", day("2026-12-03"), "total", money("240.60"), "status", "paid"),
                row("invoices", "customer", ref("customers", 1), "order", ref("orders", 1), "issue_date",
                        day("2026-11-21"), "due_date", day("2026-12-21"), "total", money("378.00"), "status", "sent"),
                row("payments", "invoice", ref("invoices", 0), "paid_on", day("2026-11-10"), "amount", money("240.60"),
                        "method", "bank_transfer"),
                row("payments", "invoice", ref("invoices", 1), "paid_on", day("2026-11-28"), "amount", money("100.00"),
                        "method", "card"));
    }

    private static Template clientMatters() {
        return new Template("client-matters", "Client matters", List.of(
                table("clients", "Clients", col("name", TEXT).asRequired(),
                        col("kind", CHOICE).withChoices("person", "organisation"), col("email", EMAIL),
                        col("phone", PHONE), col("address", LONG_TEXT)),
                table("matters", "Matters", col("reference", TEXT).asRequired().asUnique(),
                        col("client", REFERENCE).referencing("clients").asRequired(),
                        col("title", TEXT).asRequired(), col("opened", DATE).asRequired(), col("closed", DATE),
                        col("status", CHOICE).withChoices("open", "on_hold", "closed")
                                .withDefault(new Value.Text("open")),
                        col("responsible", TEXT), col("hourly_rate", MONEY)),
                table("invoices", "Invoices", col("number", TEXT).asRequired().asUnique(),
                        col("matter", REFERENCE).referencing("matters").asRequired(),
                        col("issue_date", DATE).asRequired(), col("due_date", DATE),
                        col("amount", MONEY).asRequired(),
                        col("status", CHOICE).withChoices("draft", "sent", "paid", "void")
                                .withDefault(new Value.Text("draft"))),
                table("time_entries", "Time entries", col("matter", REFERENCE).referencing("matters").asRequired(),
                        col("date", DATE).asRequired(), col("person", TEXT).asRequired(),
                        col("hours", DECIMAL).asRequired(), col("description", LONG_TEXT).asRequired(),
                        col("billable", BOOLEAN).withDefault(new Value.Bool(true)),
                        col("invoice", REFERENCE).referencing("invoices"))),
                List.of(later("matters", ColumnSpec.formula("hours", "sum(time_entries.hours)").labelled("Hours"),
                        ColumnSpec.formula("open_days", "days_between(opened, coalesce(closed, today()))")
                                .labelled("Days open"))),
                List.of(row("clients", "name", "Ms J. Smith", "kind", "person", "email", "j.smith@example.com"),
                        row("matters", "reference", "M-2026-001", "client", ref("clients", 0), "title", "Lease review",
                                "opened", day("2026-10-01")),
                        row("time_entries", "matter", ref("matters", 0), "date", day("2026-10-02"), "person", "JD",
                                "hours", decimal("1.5"), "description", "First call"),
                        row("time_entries", "matter", ref("matters", 0), "date", day("2026-10-09"), "person", "JD",
                                "hours", decimal("2.25"), "description", "Draft comments")));
    }

    private static Template patientsAndAppointments() {
        return new Template("patients-and-appointments", "Patients and appointments", List.of(
                table("patients", "Patients", ColumnSpec.autoNumber("patient_number", "P-", 1).labelled(
                        "Patient number"),
                        col("first_name", TEXT).asRequired(), col("last_name", TEXT).asRequired(),
                        col("date_of_birth", DATE), col("email", EMAIL), col("phone", PHONE),
                        col("address", LONG_TEXT), col("notes", LONG_TEXT)),
                table("practitioners", "Practitioners", col("name", TEXT).asRequired(), col("specialty", TEXT),
                        col("email", EMAIL), col("phone", PHONE)),
                table("appointments", "Appointments",
                        col("patient", REFERENCE).referencing("patients").asRequired(),
                        col("practitioner", REFERENCE).referencing("practitioners").asRequired(),
                        col("starts_at", DATETIME).asRequired(),
                        col("duration_minutes", INTEGER).asRequired().withDefault(new Value.Whole(30)),
                        col("status", CHOICE).withChoices("scheduled", "confirmed", "completed", "cancelled",
                                "no_show").withDefault(new Value.Text("scheduled")),
                        col("reason", TEXT), col("notes", LONG_TEXT))),
                List.of(later("patients", ColumnSpec.formula("full_name", "first_name & \" \" & last_name")
                        .labelled("Full name"), ColumnSpec.formula("appointments", "count(appointments)")
                        .labelled("Appointments"))),
                List.of(row("patients", "first_name", "Ada", "last_name", "Byron", "date_of_birth", day("1985-12-10")),
                        row("practitioners", "name", "Dr M. Curie", "specialty", "General practice"),
                        row("appointments", "patient", ref("patients", 0), "practitioner", ref("practitioners", 0),
                                "starts_at", new Value.DateTime(java.time.Instant.parse("2026-12-14T09:30:00Z")))));
    }
}
