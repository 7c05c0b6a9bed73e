package dev.cairn.workspace.schema;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Each starter template creates a usable, related schema, all or nothing. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class TemplatesTest {
    final WorkspaceFixture f;
    final JsonRecords records;

    TemplatesTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.records = f.records();
    }

    @AfterEach
    void close() {
        f.close();
    }

    long create(String table, String body) {
        return (Long) records.create(f.ann, table, json(body)).get("id");
    }

    @Test
    void ordersAndBillingRunsAnOrderToPayment() {
        var tables = f.ws.templates().apply(f.ann, "orders-and-billing");
        assertThat(tables).extracting(TableSpec::name).containsExactly("customers", "products", "orders",
                "order_lines", "invoices", "payments");
        long customer = create("customers", "{'name': 'Acme', 'email': 'ap@acme.test'}");
        long product = create("products", "{'sku': 'LAMP-1', 'name': 'Lamp', 'unit_price': "
                + "{'amount': '19.90', 'currency': 'EUR'}}");
        long order = create("orders", "{'customer': " + customer + ", 'order_date': '2026-11-23'}");
        create("order_lines", "{'order': " + order + ", 'product': " + product + ", 'unit_price': "
                + "{'amount': '19.90', 'currency': 'EUR'}}");
        long invoice = create("invoices", "{'customer': " + customer + ", 'order': " + order
                + ", 'issue_date': '2026-11-23', 'total': {'amount': '19.90', 'currency': 'EUR'}}");
        var payment = records.create(f.ann, "payments", json("{'invoice': " + invoice + ", 'paid_on': "
                + "'2026-11-30', 'amount': {'amount': '19.90', 'currency': 'EUR'}, 'method': 'card'}"));
        assertThat(payment).containsEntry("invoice", invoice);
        assertThat(records.get(f.ann, "orders", order)).containsEntry("status", "draft")
                .containsEntry("number", "SO-1001").containsEntry("total", Map.of("amount", "19.90", "currency", "EUR"));
        assertThat(records.get(f.ann, "invoices", invoice)).containsEntry("number", "INV-1")
                .containsEntry("balance", Map.of("amount", "0.00", "currency", "EUR"));
        assertThatThrownBy(() -> records.delete(f.ann, "customers", customer, null))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IN_USE));
    }

    @Test
    void clientMattersAndPatientsTemplatesAreUsable() {
        f.ws.templates().apply(f.ann, "client-matters");
        long client = create("clients", "{'name': 'Ms Smith', 'kind': 'person'}");
        long matter = create("matters", "{'reference': 'M-1', 'client': " + client + ", 'title': 'Lease', "
                + "'opened': '2026-01-05'}");
        long invoice = create("invoices", "{'number': 'I-1', 'matter': " + matter + ", 'issue_date': '2026-02-01', "
                + "'amount': {'amount': '300', 'currency': 'GBP'}}");
        assertThat(records.create(f.ann, "time_entries", json("{'matter': " + matter + ", 'date': '2026-01-06', "
                + "'person': 'JD', 'hours': 1.5, 'description': 'Call', 'invoice': " + invoice + "}")))
                .containsEntry("billable", true);
        var other = f.caller(f.account("olga"), "olga");
        f.ws.templates().apply(other, "patients-and-appointments");
        var patient1 = records.create(other, "patients", json("{'first_name': 'A', 'last_name': 'B'}"));
        assertThat(patient1).containsEntry("patient_number", "P-1").containsEntry("full_name", "A B");
        long patient = (Long) patient1.get("id");
        long doc = (Long) records.create(other, "practitioners", json("{'name': 'Dr C'}")).get("id");
        assertThat(records.create(other, "appointments", json("{'patient': " + patient + ", 'practitioner': " + doc
                + ", 'starts_at': '2026-12-01T09:00:00Z'}"))).containsEntry("duration_minutes", 30L)
                .containsEntry("status", "scheduled");
    }

    /** The sample data adds up: order totals from their lines, invoice balances from their payments. */
    @Test
    void sampleDataComesWithComputedTotalsInTheChosenCurrency() {
        f.ws.templates().apply(f.ann, "orders-and-billing", true, "usd");
        var orders = records.list(f.ann, "orders", JsonRecords.query(List.of(), "number", null, 10, 0)).records();
        assertThat(orders).extracting(o -> o.get("number")).containsExactly("SO-1001", "SO-1002", "SO-1003");
        assertThat(orders).extracting(o -> o.get("total")).containsExactly(
                Map.of("amount", "240.60", "currency", "USD"), Map.of("amount", "378.00", "currency", "USD"),
                Map.of("amount", "225.00", "currency", "USD"));
        var invoices = records.list(f.ann, "invoices", JsonRecords.query(List.of("balance:gt:0"), null, null, 10, 0))
                .records();
        assertThat(invoices).singleElement().satisfies(i -> assertThat(i.get("balance")).isEqualTo(
                Map.of("amount", "278.00", "currency", "USD")));
        f.ws.templates().apply(f.caller(f.account("cm"), "cm"), "client-matters", true, null);
        f.ws.templates().apply(f.caller(f.account("pa"), "pa"), "patients-and-appointments", true, null);
        assertThatThrownBy(() -> f.ws.templates().apply(f.caller(f.account("x"), "x"), "orders-and-billing", true,
                "EURO")).hasMessageContaining("'EURO' is not an ISO 4217 currency code");
    }

    @Test
    void aTemplateIsAppliedWhollyOrNotAtAll() {
        f.ws.tables().create(f.ann, new TableSpec("invoices", null, java.util.List.of(ColumnSpec.of("n", TEXT))));
        assertThatThrownBy(() -> f.ws.templates().apply(f.ann, "orders-and-billing"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(f.ws.tables().list(f.ann)).extracting(TableSpec::name).containsExactly("invoices");
        assertThatThrownBy(() -> f.ws.templates().apply(f.ann, "nope")).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
