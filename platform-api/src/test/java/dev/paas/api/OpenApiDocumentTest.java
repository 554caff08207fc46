package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /openapi.json documents exactly the route table: the routes the running platform's features export. */
class OpenApiDocumentTest {
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode doc = parse(resource());

    @Test
    void the_document_is_openapi_3() {
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("paths").isObject()).isTrue();
    }

    @Test
    @ExtendWith(PlatformExtension.class)
    void the_document_has_exactly_the_routes_of_the_route_table(TestPlatform platform) {
        Set<String> routes = routes(platform.platform().routes());
        assertThat(routes).as("routes the features export").contains("GET /healthz", "GET /apps/{app}", "GET /events");
        assertThat(operations()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    @ExtendWith(PlatformExtension.class)
    void only_the_open_routes_need_no_token(TestPlatform platform) {
        Set<String> schemes = new TreeSet<>();
        doc.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
        assertThat(schemes).containsExactlyInAnyOrder("bearerAuth", "basicAuth");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        Set<String> open = new TreeSet<>();
        forEachOperation((key, operation) -> {
            JsonNode security = operation.get("security");
            if (security != null && security.isArray() && security.isEmpty()) {
                open.add(key);
            }
        });
        assertThat(open).isNotEmpty().containsExactlyInAnyOrderElementsOf(
                routes(platform.platform().routes().stream().filter(Route::open).toList()));
    }

    @Test
    void every_path_template_parameter_is_declared_in_the_path() {
        forEachOperation((key, operation) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            List<JsonNode> declared = new ArrayList<>();
            doc.path("paths").path(path).path("parameters").forEach(p -> declared.add(resolve(p)));
            operation.path("parameters").forEach(p -> declared.add(resolve(p)));
            Set<String> inPath = new TreeSet<>();
            for (JsonNode p : declared) {
                if (p.path("in").asText().equals("path")) {
                    assertThat(p.path("required").asBoolean()).as(key + " path parameter " + p.path("name")).isTrue();
                    inPath.add(p.path("name").asText());
                }
            }
            Set<String> templated = new TreeSet<>();
            Matcher m = TEMPLATE_PARAM.matcher(path);
            while (m.find()) {
                templated.add(m.group(1));
            }
            assertThat(inPath).as(key).isEqualTo(templated);
        });
    }

    @Test
    void every_ref_resolves() {
        List<String> refs = doc.findValuesAsText("$ref");
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void every_error_response_has_the_status_its_error_id_stands_for() {
        doc.path("components").path("responses").forEach(response -> {
            JsonNode example = response.path("content").path("application/json").path("example");
            assertThat(example.path("id").asText()).isNotBlank();
        });
        var ids = Map.of("400", "bad_request", "401", "unauthorized", "403", "forbidden", "404", "not_found",
                "406", "not_acceptable", "409", "conflict", "413", "request_entity_too_large", "415", "unsupported_media_type",
                "422", "invalid_params");
        forEachOperation((key, operation) -> operation.path("responses").properties().forEach(e -> {
            if (e.getKey().startsWith("4")) {
                JsonNode example = resolve(e.getValue()).path("content").path("application/json").path("example");
                assertThat(example.path("id").asText()).as(key + " " + e.getKey()).isEqualTo(ids.get(e.getKey()));
            }
        }));
    }

    @Test
    @ExtendWith(PlatformExtension.class)
    void the_running_api_serves_the_document_without_a_token(Api api) {
        var response = api.get(null, "/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(new String(resource(), StandardCharsets.UTF_8));
    }

    /** Calls {@code visitor} with "METHOD /path" and the operation object, for every operation. */
    private void forEachOperation(BiConsumer<String, JsonNode> visitor) {
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                visitor.accept(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
    }

    private Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((key, operation) -> operations.add(key));
        return operations;
    }

    private static Set<String> routes(List<Route> table) {
        Set<String> routes = new TreeSet<>();
        table.forEach(r -> routes.add(r.method().name() + " " + r.path()));
        return routes;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static byte[] resource() {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(in).as("openapi.json on the classpath").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
