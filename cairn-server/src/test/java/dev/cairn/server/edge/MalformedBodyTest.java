package dev.cairn.server.edge;

import dev.cairn.server.feature.Feature;
import java.util.List;

/** {@link MalformedBodySuite} on the platform alone: its routes, no feature plugged in. */
class MalformedBodyTest extends MalformedBodySuite {
    @Override
    protected List<Feature> features() {
        return List.of();
    }

    @Override
    protected List<Body> workbooks() {
        return List.of(Body.of("a damaged workbook", XLSX, "PK\u0003\u0004 and then nothing a zip reader can use"));
    }
}
