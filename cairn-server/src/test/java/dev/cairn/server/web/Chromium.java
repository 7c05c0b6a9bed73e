package dev.cairn.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Debian {@code chromium} for the Playwright tests. {@link #ensureInstalled()} installs it with apt-get when it is
 * missing (the project's machines run as root), so browser tests never skip; Playwright itself must not download a
 * browser ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} in the surefire configuration).
 */
public final class Chromium {
    /** Flags for a headless browser in a container: no sandbox (root), no GPU, no background network traffic. */
    public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    private Chromium() {
    }

    /** A Playwright driving a headless Debian chromium; closing it closes the browser, then the driver. */
    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }

    /** Installs chromium if needed ({@link #ensureInstalled()}) and launches it headless with {@link #ARGS}. */
    /**
     * Collects {@code page}'s script errors (and, with {@code console}, its console errors other than failed resource
     * loads) into {@code problems}, after showing that it does: a probe error is raised in the page, must arrive (within
     * 10 s) and is then removed, so a test's final "no problems" cannot pass because nothing was listening.
     */
    public static void watchErrors(com.microsoft.playwright.Page page, List<String> problems, boolean console) {
        if (console) {
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
                    problems.add(m.text());
                }
            });
        }
        page.onPageError(problems::add);
        page.evaluate("() => setTimeout(() => { throw new Error('cairn-probe: page error'); }, 0)");
        if (console) {
            page.evaluate("() => console.error('cairn-probe: console error')");
        }
        page.waitForCondition(() -> problems.stream().filter(p -> p.contains("cairn-probe")).count() == (console ? 2 : 1),
                new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(10_000));
        problems.removeIf(p -> p.contains("cairn-probe"));
    }

    public static Session launch() throws IOException, InterruptedException {
        Path chromium = ensureInstalled();
        Playwright playwright = Playwright.create();
        try {
            return new Session(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium).setHeadless(true).setArgs(ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** The path of the chromium executable, installing the package first if needed. */
    public static Path ensureInstalled() throws IOException, InterruptedException {
        return dev.cairn.testkit.DebianPackages.ensure("chromium", "chromium");
    }

    /** Structural accessibility checks run in the browser on the rendered page; returns what is wrong. */
    public static final String AUDIT = """
            () => {
              const problems = [];
              document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(e => {
                if (!e.labels || e.labels.length === 0) problems.push('unlabelled ' + e.outerHTML);
              });
              const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
              if (levels.filter(l => l === 1).length !== 1) problems.push('not exactly one h1');
              for (let i = 1; i < levels.length; i++) {
                if (levels[i] > levels[i - 1] + 1) problems.push('heading jumps h' + levels[i - 1] + ' to h' + levels[i]);
              }
              ['header', 'nav', 'main', 'footer'].forEach(t => { if (!document.querySelector(t)) problems.push('no ' + t); });
              document.querySelectorAll('[aria-describedby]').forEach(e => e.getAttribute('aria-describedby').split(' ')
                  .forEach(id => { if (!document.getElementById(id)) problems.push('aria-describedby to missing ' + id); }));
              document.querySelectorAll('button, a').forEach(b => {
                if (!b.textContent.trim() && !b.getAttribute('aria-label')) problems.push('unnamed ' + b.outerHTML);
              });
              const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
              ids.filter((x, i) => ids.indexOf(x) !== i).forEach(d => problems.push('duplicate id ' + d));
              if (document.querySelector('table table, table[role=presentation]')) problems.push('layout table');
              return problems;
            }""";
}
