package dev.paas.api.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the templates of src/main/jte, compiled to classes at build time (jte-maven-plugin): nothing is
 * compiled while serving, and a template that does not type-check fails the build.
 */
final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, int status, String template, Map<String, Object> params) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, params));
    }

    String render(String template, Map<String, Object> params) {
        var out = new StringOutput(8192);
        engine.render(template, params, out);
        return out.toString();
    }
}
