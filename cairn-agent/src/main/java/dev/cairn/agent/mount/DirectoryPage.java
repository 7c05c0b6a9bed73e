package dev.cairn.agent.mount;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** GET of a directory: a plain HTML list of links, so the mount can be browsed in a web browser as well. */
final class DirectoryPage {
    private DirectoryPage() {
    }

    static void send(HttpExchange ex, List<String> path, Resource dir, Namespace namespace, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        if (head) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, 0);
        Writer out = new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8);
        String title = Multistatus.escape(DavPaths.href(path, true));
        out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>" + title
                + "</h1>\n<ul>\n");
        if (!path.isEmpty()) {
            out.write("<li><a href=\"../\">../</a></li>\n");
        }
        List<String> child = new ArrayList<>(path);
        child.add("");
        namespace.children(path, dir, c -> {
            child.set(child.size() - 1, c.name());
            String label = Multistatus.escape(c.name() + (c.collection() ? "/" : ""));
            out.write("<li><a href=\"" + Multistatus.escape(DavPaths.href(child, c.collection())) + "\">" + label + "</a>"
                    + (c instanceof Resource.File f ? " " + f.size() + " bytes" : "") + "</li>\n");
        });
        out.write("</ul></body></html>\n");
        out.flush();
    }
}
