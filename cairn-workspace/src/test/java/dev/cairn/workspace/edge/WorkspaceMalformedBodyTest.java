package dev.cairn.workspace.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import dev.cairn.server.edge.MalformedBodySuite;
import dev.cairn.server.feature.Feature;
import dev.cairn.workspace.WorkspaceFeature;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;

/**
 * {@link MalformedBodySuite} on the product: the platform with the records workspace plugged in, whose tables (from the
 * orders template) the workspace routes act on, and real and hostile workbooks for its imports.
 */
class WorkspaceMalformedBodyTest extends MalformedBodySuite {
    @Override
    protected List<Feature> features() {
        return List.of(new WorkspaceFeature());
    }

    @Override
    protected List<Body> workbooks() throws Exception {
        return List.of(new Body("a workbook with a DTD entity in its workbook part", XLSX,
                        Workbooks.withDtdEntityInTheWorkbook()),
                new Body("a workbook with a DTD entity in its sheet", XLSX, Workbooks.withDtdEntityInTheSheet()),
                new Body("a workbook cut off", XLSX, Arrays.copyOf(Workbooks.customers(), 300)));
    }

    @Override
    protected void prepare(TestServer server, String fullToken) throws Exception {
        var applied = server.send(server.request("/api/v1/workspace/templates/orders-and-billing")
                .header("Authorization", "Bearer " + fullToken).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
    }
}
