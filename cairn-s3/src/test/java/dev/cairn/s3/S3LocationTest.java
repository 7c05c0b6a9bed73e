package dev.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobStores;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("s3 location syntax")
class S3LocationTest {
    private static S3Location parse(String location) {
        return S3Location.parse(URI.create(location), Map.<String, String>of()::get);
    }

    @Test
    void bucketAloneMeansAwsTheDefaultRegionAndVirtualHostStyle() {
        assertThat(parse("s3://my-bucket"))
                .isEqualTo(new S3Location("my-bucket", "", Optional.empty(), "us-east-1", false));
    }

    @Test
    void anEndpointTurnsOnPathStyle() {
        S3Location location = parse("s3://bk1/backups/laptop/?endpoint=http://127.0.0.1:9000&region=eu-central-1");
        assertThat(location).isEqualTo(new S3Location("bk1", "backups/laptop", Optional.of(URI.create("http://127.0.0.1:9000")),
                "eu-central-1", true));
        assertThat(location.display()).isEqualTo("s3://bk1/backups/laptop");
        assertThat(location.displayEndpoint()).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void pathStyleCanBeSetEitherWay() {
        assertThat(parse("s3://bk1?endpoint=https://minio.example:9000&path-style=false").pathStyle()).isFalse();
        assertThat(parse("s3://bk1?path-style=true").pathStyle()).isTrue();
        assertThat(parse("s3://bk1?endpoint=https%3A%2F%2Fminio.example").endpoint()).contains(URI.create("https://minio.example"));
    }

    @Test
    void regionComesFromTheParameterThenAwsRegionThenTheDefault() {
        Map<String, String> env = Map.of("AWS_REGION", "ap-south-1");
        assertThat(S3Location.parse(URI.create("s3://bk1"), env::get).region()).isEqualTo("ap-south-1");
        assertThat(S3Location.parse(URI.create("s3://bk1?region=us-west-2"), env::get).region()).isEqualTo("us-west-2");
        assertThat(parse("s3://bk1").region()).isEqualTo("us-east-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "s3:///prefix|no bucket given",
            "s3:bucket|no bucket given",
            "s3://UPPER|bucket name 'UPPER' is not valid",
            "s3://ab|bucket name 'ab' is not valid",
            "s3://bk1?color=red|unknown parameter 'color'; known: endpoint, region, path-style",
            "s3://bk1?region=a&region=b|parameter 'region' is given twice",
            "s3://bk1?endpoint=ftp://host|it must start with http:// or https://",
            "s3://bk1?endpoint=localhost:9000|it must start with http:// or https://",
            "s3://bk1?endpoint=http://host:9000/bk1|give only scheme, host and port",
            "s3://bk1?endpoint=http:///x|it needs a host",
            "s3://bk1?path-style=yes|path-style must be true or false",
            "s3://bk1?region=Not_A_Region|region 'Not_A_Region' is not valid",
            "s3://bk1/a//b|has an empty, '.' or '..' segment",
            "s3://bk1/a/../b|has an empty, '.' or '..' segment",
            "s3://bk1#frag|fragment"})
    void malformedLocationsSayWhatIsWrongAndTheSyntax(String location, String expected) {
        assertThatThrownBy(() -> parse(location)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected).hasMessageContaining("s3://BUCKET[/PREFIX]");
    }

    @Test
    @DisplayName("credentials in the location are refused, and the secret is not repeated in the message")
    void credentialsInTheLocationAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> parse("s3://AKIDEXAMPLE:s3cr3tv4lue@bk1/p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY").hasMessageNotContaining("s3cr3tv4lue");
        assertThatThrownBy(() -> parse("s3://bk1?endpoint=http://user:s3cr3tv4lue@host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3tv4lue");
    }

    @Test
    @DisplayName("BlobStores finds the s3 scheme, and a malformed location fails before any connection")
    void blobStoresKnowsTheScheme() {
        assertThat(BlobStores.supportedSchemes()).contains("s3", "file");
        assertThatThrownBy(() -> BlobStores.open("s3://bk1?bogus=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'bogus'");
        assertThatThrownBy(() -> BlobStores.open("s3://")).isInstanceOf(IllegalArgumentException.class);
    }
}
