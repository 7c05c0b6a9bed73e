package dev.cairn.server.http;

import dev.cairn.server.feature.Feature;
import java.util.List;

/** The platform's routes against the OpenAPI document (the features' are checked in cairn-dist). */
class OpenApiTest extends OpenApiSuite {
    @Override
    protected List<Feature> features() {
        return List.of();
    }
}
