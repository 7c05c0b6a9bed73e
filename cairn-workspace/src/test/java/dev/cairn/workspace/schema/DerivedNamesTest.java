package dev.cairn.workspace.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables and columns created with the words people use; their machine names derived once, unique and stable. */
class DerivedNamesTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "Country Code        | country_code",
        "  Billing address!  | billing_address",
        "Größe (cm)          | grosse_cm",
        "Café crème          | cafe_creme",
        "2nd line            | c_2nd_line",
        "ID                  | id_2",
        "version             | version_2",
        "東京                 | column",
        "Taken               | taken_2"})
    void aNameIsMadeFromTheWords(String label, String name) {
        assertThat(Names.derive(label, List.of("taken"))).isEqualTo(name);
    }

    @Test
    void longWordsAreCutToTheLongestNameWithRoomForASuffix() {
        String label = "a".repeat(80);
        assertThat(Names.derive(label, List.of())).hasSize(63);
        assertThat(Names.derive(label, List.of("a".repeat(63)))).isEqualTo("a".repeat(61) + "_2");
    }

    private static ColumnSpec labelled(String label, ColumnType type) {
        return ColumnSpec.of(null, type).labelled(label);
    }

    @Test
    void theServiceDerivesMissingNamesFromLabelsAndKeepsThemWhenTheLabelChanges() {
        try (WorkspaceFixture f = new WorkspaceFixture(Dialect.SQLITE)) {
            TableSpec t = f.ws.tables().create(f.ann, new TableSpec(null, "Purchase orders", List.of(
                    labelled("Country Code", ColumnType.TEXT), labelled("Country code", ColumnType.TEXT),
                    ColumnSpec.of("amount", ColumnType.INTEGER))));
            assertThat(t.name()).isEqualTo("purchase_orders");
            assertThat(t.columns()).extracting(ColumnSpec::name).containsExactly("country_code", "country_code_2",
                    "amount");
            assertThat(t.columns().getFirst().label()).isEqualTo("Country Code");
            assertThat(f.ws.tables().create(f.ann, new TableSpec(null, "Purchase Orders", List.of(
                    ColumnSpec.of("x", ColumnType.TEXT)))).name()).isEqualTo("purchase_orders_2");

            TableSpec added = f.ws.tables().patch(f.ann, "purchase_orders", new TablePatch(null, null, null, null,
                    List.of(new ColumnSpec("country_code", "Land", null, null, null, null, null, null, null, null,
                            null, null, null)), List.of(labelled("Country code", ColumnType.TEXT))));
            assertThat(added.columns()).extracting(ColumnSpec::name).containsExactly("country_code",
                    "country_code_2", "amount", "country_code_3");
            assertThat(added.columns().getFirst().label()).isEqualTo("Land");
        }
    }
}
