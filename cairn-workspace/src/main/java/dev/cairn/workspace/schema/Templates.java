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
import dev.cairn.workspace.model.Value;
import java.util.List;

/**
 * Starter templates: complete, related sets of tables a workspace can begin from. Applying one creates all its tables
 * in one transaction (all or none; 409 if a table name is taken). Stateless.
 */
public final class Templates {
    /** A template: its path name, its title, and its tables in creation order (references point backwards). */
    public record Template(String name, String title, List<TableSpec> tables) {
    }

    private static final List<Template> ALL = List.of(ordersAndBilling(), clientMatters(), patientsAndAppointments());
    private final TableService tables;

    public Templates(TableService tables) {
        this.tables = tables;
    }

    public List<Template> list() {
        return ALL;
    }

    /** Creates the template's tables in the caller's workspace. */
    public List<TableSpec> apply(Caller caller, String name) {
        Template template = ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                ServiceException.notFound("no template '" + name + "'; use one of "
                        + ALL.stream().map(Template::name).toList()));
        return tables.createAll(caller, template.tables());
    }

    private static ColumnSpec col(String name, ColumnType type) {
        return ColumnSpec.of(name, type);
    }

    private static TableSpec table(String name, String label, ColumnSpec... columns) {
        return new TableSpec(name, label, List.of(columns));
    }

    private static Template ordersAndBilling() {
        return new Template("orders-and-billing", "Orders and billing", List.of(
                table("customers", "Customers", col("name", TEXT).asRequired(), col("email", EMAIL).asUnique(),
                        col("phone", PHONE), col("billing_address", LONG_TEXT), col("vat_number", TEXT),
                        col("customer_since", DATE)),
                table("products", "Products", col("sku", TEXT).asRequired().asUnique(),
                        col("name", TEXT).asRequired(), col("description", LONG_TEXT),
                        col("unit_price", MONEY).asRequired(), col("vat_rate_percent", DECIMAL),
                        col("active", BOOLEAN).withDefault(new Value.Bool(true))),
                table("orders", "Orders", col("number", TEXT).asRequired().asUnique(),
                        col("customer", REFERENCE).referencing("customers").asRequired(),
                        col("order_date", DATE).asRequired(),
                        col("status", CHOICE).withChoices("draft", "confirmed", "shipped", "delivered", "cancelled")
                                .withDefault(new Value.Text("draft")), col("notes", LONG_TEXT)),
                table("order_lines", "Order lines", col("order", REFERENCE).referencing("orders").asRequired(),
                        col("product", REFERENCE).referencing("products").asRequired(),
                        col("quantity", INTEGER).asRequired().withDefault(new Value.Whole(1)),
                        col("unit_price", MONEY).asRequired(), col("discount_percent", DECIMAL)),
                table("invoices", "Invoices", col("number", TEXT).asRequired().asUnique(),
                        col("customer", REFERENCE).referencing("customers").asRequired(),
                        col("order", REFERENCE).referencing("orders"), col("issue_date", DATE).asRequired(),
                        col("due_date", DATE), col("total", MONEY).asRequired(),
                        col("status", CHOICE).withChoices("draft", "sent", "paid", "overdue", "void")
                                .withDefault(new Value.Text("draft"))),
                table("payments", "Payments", col("invoice", REFERENCE).referencing("invoices").asRequired(),
                        col("paid_on", DATE).asRequired(), col("amount", MONEY).asRequired(),
                        col("method", CHOICE).withChoices("bank_transfer", "card", "cash", "other"),
                        col("reference", TEXT))));
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
                        col("invoice", REFERENCE).referencing("invoices"))));
    }

    private static Template patientsAndAppointments() {
        return new Template("patients-and-appointments", "Patients and appointments", List.of(
                table("patients", "Patients", col("patient_number", TEXT).asRequired().asUnique(),
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
                        col("reason", TEXT), col("notes", LONG_TEXT))));
    }
}
