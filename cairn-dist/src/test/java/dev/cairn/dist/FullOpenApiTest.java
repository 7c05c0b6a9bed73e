package dev.cairn.dist;

import dev.cairn.server.feature.Feature;
import dev.cairn.server.http.OpenApiSuite;
import java.util.List;

/** Every route of the shipped server (the platform and all its features) against the OpenAPI document. */
class FullOpenApiTest extends OpenApiSuite {
    @Override
    protected List<Feature> features() {
        return ServerLauncher.FEATURES;
    }
}
