package dev.cairn.testkit;

import java.text.Normalizer;
import java.util.List;

/** The awkward names {@link RandomTreeGenerator} plants; fixed lists, so every tree exercises the same cases. */
final class RandomNames {
    private RandomNames() {
    }

    /** Names with characters that decompose, spelled in NFC or NFD. */
    static List<String> normalized(Normalizer.Form form) {
        return List.of("café", "Ångström", "naïve résumé", "Ελληνικά", "한국어")
                .stream().map(n -> Normalizer.normalize(n, form)).toList();
    }

    /** Names outside Latin-1: emoji (including a ZWJ sequence and a flag), CJK, Cyrillic, Arabic. */
    static List<String> unicode() {
        return List.of("📦 backup 🗄️.txt", "👩‍👩‍👧 family.jpg", "🇩🇪", "備份資料.txt", "日本語のファイル",
                "резервная копия", "نسخة احتياطية", "mixed-中文-English-😀");
    }

    /** Printable-ASCII and control-character edge cases that are valid on POSIX file systems. */
    static List<String> oddAscii() {
        return List.of(" leading space", "trailing space ", "quote'single", "quote\"double", "back\\slash",
                "tab\there", "new\nline", "-leading-dash", "*star?question", "#hash;semi&amp", "...dots");
    }

    /** Names of exactly {@link TreeNames#MAX_NAME_BYTES} UTF-8 bytes. */
    static List<String> longest() {
        return List.of(
                "a".repeat(TreeNames.MAX_NAME_BYTES),
                "中".repeat(TreeNames.MAX_NAME_BYTES / 3),
                "😀".repeat(63) + "abc");
    }
}
