package com.motoo.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one file of JVM flags ({@code jvm.options}, java {@code @argfile} style: flags
 * separated by white space, {@code #} starting a comment line). Found through the system property
 * {@value #PROPERTY}, else by looking in the working directory and its parents, then in the
 * directories above the jar or classes this class was loaded from. Any thread; allocates.
 */
public final class JvmOptionsFile {
    /** System property naming the file explicitly. */
    public static final String PROPERTY = "motoo.jvm.options";
    private static final String NAME = "jvm.options";

    private JvmOptionsFile() {
    }

    /**
     * @return the path of the flags file
     * @throws IllegalStateException if it cannot be found
     */
    public static Path locate() {
        final String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path found = searchUpwards(Path.of("").toAbsolutePath());
        if (found == null) {
            found = searchUpwards(codeLocation());
        }
        if (found == null) {
            throw new IllegalStateException(NAME + " not found above the working directory or the jar;"
                + " name it with -D" + PROPERTY + "=FILE");
        }
        return found;
    }

    /**
     * @param file a flags file
     * @return its flags in order
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it uses quoting, which this reader does not support
     */
    public static List<String> read(Path file) throws IOException {
        final List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            final String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.indexOf('"') >= 0 || text.indexOf('\'') >= 0) {
                throw new IllegalArgumentException(file + ": quoted flags are not supported: " + text);
            }
            for (String flag : text.split("\\s+")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    private static Path searchUpwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            return Path.of(JvmOptionsFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
