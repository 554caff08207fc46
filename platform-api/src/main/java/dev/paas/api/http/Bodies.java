package dev.paas.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.paas.api.error.ApiFailure;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.stream.Collectors;

/** Reads JSON request bodies, turning every kind of bad body into a 400 that says what to fix. */
public final class Bodies {
    private final ObjectMapper json;
    private final long maxBytes;

    public Bodies(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /** The body as {@code type}; an empty body reads as {@code {}}. */
    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = bounded(ctx);
        if (body.length > 0 && !isJson(ctx.header("Content-Type"))) {
            throw new ApiFailure(ApiFailure.Kind.UNSUPPORTED_MEDIA_TYPE, "Request body must be JSON sent with "
                    + "'Content-Type: application/json', got " + (ctx.header("Content-Type") == null
                    ? "no Content-Type" : "'" + ctx.header("Content-Type") + "'") + ".");
        }
        try {
            return json.readValue(body.length == 0 ? "{}".getBytes() : body, type);
        } catch (MismatchedInputException e) {
            throw ApiFailure.badRequest(describe(e));
        } catch (ValueInstantiationException e) {
            // Well-formed JSON with a word the vocabulary lacks (a process state, say): the value is wrong.
            throw ApiFailure.invalid("Field '" + path(e) + "' is not allowed: "
                    + (e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage()) + ".");
        } catch (JsonProcessingException e) {
            throw ApiFailure.badRequest("Request body is not valid JSON: " + e.getOriginalMessage()
                    + ". Send a JSON object with Content-Type: application/json.");
        } catch (IOException e) {
            throw ApiFailure.badRequest("Request body could not be read: " + e.getMessage());
        }
    }

    /**
     * Only a declared JSON body is read: a form or text/plain body is what a cross-site form can
     * send without a preflight, so it must not be taken for JSON.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** Reads at most the limit, whatever Content-Length claims, so a chunked body cannot exhaust memory. */
    private byte[] bounded(Context ctx) {
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge();
        }
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiFailure.badRequest("Request body could not be read: " + e.getMessage());
        }
    }

    private ApiFailure tooLarge() {
        return new ApiFailure(ApiFailure.Kind.TOO_LARGE, "Request body is larger than " + maxBytes
                + " bytes. Send less at once.");
    }

    /** The body as a JSON object tree. */
    public JsonNode readObject(Context ctx) {
        JsonNode node = read(ctx, JsonNode.class);
        if (node == null || !node.isObject()) {
            throw ApiFailure.badRequest("Request body must be a JSON object, such as {\"NAME\": \"value\"}.");
        }
        return node;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
        if (e instanceof InvalidFormatException f) {
            return "Field '" + field + "' has the wrong type: got " + f.getValue() + ", expected " + expected + ".";
        }
        if (field.isEmpty()) {
            return "Request body must be a JSON object with the documented fields (see /openapi.json).";
        }
        return "Field '" + field + "' has the wrong type: expected " + expected + ".";
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }
}
