package com.motoo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class JvmOptionsFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindTheProjectFlagsFileAndReadItsFlags() throws Exception {
        final Path file = JvmOptionsFile.locate();
        assertEquals("jvm.options", file.getFileName().toString());
        final List<String> flags = JvmOptionsFile.read(file);
        assertTrue(flags.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.stream().allMatch(flag -> flag.startsWith("-")), flags.toString());
    }

    @Test
    void shouldSkipCommentsAndBlankLinesAndSplitOnWhiteSpace() throws Exception {
        final Path file = dir.resolve("jvm.options");
        Files.writeString(file, "# flags\n\n  -Da=1   -Db=2\n-Xss1m\n", StandardCharsets.UTF_8);
        assertEquals(List.of("-Da=1", "-Db=2", "-Xss1m"), JvmOptionsFile.read(file));
    }

    @Test
    void shouldRefuseQuotedFlagsRatherThanSplitThemWrongly() throws Exception {
        final Path file = dir.resolve("jvm.options");
        Files.writeString(file, "-Dname=\"two words\"\n", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> JvmOptionsFile.read(file));
    }
}
