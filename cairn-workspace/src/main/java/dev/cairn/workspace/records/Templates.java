package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.server.error.ServiceException;
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

    private static ColumnSpec col(String name, String type) {
        return ColumnSpec.of(name, type);
    }

    private static TableSpec table(String name, String label, ColumnSpec... columns) {
        return new TableSpec(name, label, List.of(columns));
    }

    private static Template ordersAndBilling() {
        return new Template("orders-and-billing", "Orders and billing", List.of(
                table("customers", "Customers", col("name", "text").asRequired(), col("email", "email").asUnique(),
                        col("phone", "phone"), col("billing_address", "long_text"), col("vat_number", "text"),
                        col("customer_since", "date")),
                table("products", "Products", col("sku", "text").asRequired().asUnique(),
                        col("name", "text").asRequired(), col("description", "long_text"),
                        col("unit_price", "money").asRequired(), col("vat_rate_percent", "decimal"),
                        col("active", "boolean").withDefault(BooleanNode.TRUE)),
                table("orders", "Orders", col("number", "text").asRequired().asUnique(),
                        col("customer", "reference").referencing("customers").asRequired(),
                        col("order_date", "date").asRequired(),
                        col("status", "choice").withChoices("draft", "confirmed", "shipped", "delivered", "cancelled")
                                .withDefault(TextNode.valueOf("draft")), col("notes", "long_text")),
                table("order_lines", "Order lines", col("order", "reference").referencing("orders").asRequired(),
                        col("product", "reference").referencing("products").asRequired(),
                        col("quantity", "integer").asRequired().withDefault(IntNode.valueOf(1)),
                        col("unit_price", "money").asRequired(), col("discount_percent", "decimal")),
                table("invoices", "Invoices", col("number", "text").asRequired().asUnique(),
                        col("customer", "reference").referencing("customers").asRequired(),
                        col("order", "reference").referencing("orders"), col("issue_date", "date").asRequired(),
                        col("due_date", "date"), col("total", "money").asRequired(),
                        col("status", "choice").withChoices("draft", "sent", "paid", "overdue", "void")
                                .withDefault(TextNode.valueOf("draft"))),
                table("payments", "Payments", col("invoice", "reference").referencing("invoices").asRequired(),
                        col("paid_on", "date").asRequired(), col("amount", "money").asRequired(),
                        col("method", "choice").withChoices("bank_transfer", "card", "cash", "other"),
                        col("reference", "text"))));
    }

    private static Template clientMatters() {
        return new Template("client-matters", "Client matters", List.of(
                table("clients", "Clients", col("name", "text").asRequired(),
                        col("kind", "choice").withChoices("person", "organisation"), col("email", "email"),
                        col("phone", "phone"), col("address", "long_text")),
                table("matters", "Matters", col("reference", "text").asRequired().asUnique(),
                        col("client", "reference").referencing("clients").asRequired(),
                        col("title", "text").asRequired(), col("opened", "date").asRequired(), col("closed", "date"),
                        col("status", "choice").withChoices("open", "on_hold", "closed")
                                .withDefault(TextNode.valueOf("open")),
                        col("responsible", "text"), col("hourly_rate", "money")),
                table("invoices", "Invoices", col("number", "text").asRequired().asUnique(),
                        col("matter", "reference").referencing("matters").asRequired(),
                        col("issue_date", "date").asRequired(), col("due_date", "date"),
                        col("amount", "money").asRequired(),
                        col("status", "choice").withChoices("draft", "sent", "paid", "void")
                                .withDefault(TextNode.valueOf("draft"))),
                table("time_entries", "Time entries", col("matter", "reference").referencing("matters").asRequired(),
                        col("date", "date").asRequired(), col("person", "text").asRequired(),
                        col("hours", "decimal").asRequired(), col("description", "long_text").asRequired(),
                        col("billable", "boolean").withDefault(BooleanNode.TRUE),
                        col("invoice", "reference").referencing("invoices"))));
    }

    private static Template patientsAndAppointments() {
        return new Template("patients-and-appointments", "Patients and appointments", List.of(
                table("patients", "Patients", col("patient_number", "text").asRequired().asUnique(),
                        col("first_name", "text").asRequired(), col("last_name", "text").asRequired(),
                        col("date_of_birth", "date"), col("email", "email"), col("phone", "phone"),
                        col("address", "long_text"), col("notes", "long_text")),
                table("practitioners", "Practitioners", col("name", "text").asRequired(), col("specialty", "text"),
                        col("email", "email"), col("phone", "phone")),
                table("appointments", "Appointments",
                        col("patient", "reference").referencing("patients").asRequired(),
                        col("practitioner", "reference").referencing("practitioners").asRequired(),
                        col("starts_at", "datetime").asRequired(),
                        col("duration_minutes", "integer").asRequired().withDefault(IntNode.valueOf(30)),
                        col("status", "choice").withChoices("scheduled", "confirmed", "completed", "cancelled",
                                "no_show").withDefault(TextNode.valueOf("scheduled")),
                        col("reason", "text"), col("notes", "long_text"))));
    }
}
