package dev.cairn.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders precompiled JTE templates (HTML content type: every {@code ${...}} is escaped for its HTML context) and
 * writes them with the headers every page carries: no caching (pages show account data and, once, token secrets), a
 * Content-Security-Policy that allows scripts and styles only from this origin, and no framing. One instance per
 * template package (the platform's, and each feature's). Thread-safe.
 */
public final class Views {
    /** The platform's generated template classes' package; must match the jte-maven-plugin's {@code packageName}. */
    static final String TEMPLATE_PACKAGE = "dev.cairn.server.web.templates";
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final TemplateEngine engine;

    Views() {
        this(TEMPLATE_PACKAGE);
    }

    /** @param templatePackage the package the jte-maven-plugin generated the templates into */
    public Views(String templatePackage) {
        this.engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, templatePackage);
    }

    /** Renders {@code template} (e.g. {@code "login.jte"}) with named parameters to a string. */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    /** Renders a page and writes it with {@code status} and the page headers. */
    public void write(Context ctx, int status, String template, Map<String, Object> params) {
        writeHtml(ctx, status, render(template, params));
    }

    public static void writeHtml(Context ctx, int status, String html) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        if (!ctx.res().containsHeader("Referrer-Policy")) { // a stricter policy set earlier stays (share pages)
            ctx.header("Referrer-Policy", "same-origin");
        }
        ctx.contentType("text/html; charset=utf-8").result(html);
    }
}
