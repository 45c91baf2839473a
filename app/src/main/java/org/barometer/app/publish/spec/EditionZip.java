package org.barometer.app.publish.spec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An edition's files packed as one ZIP: {@code edition.json} and the figure files it lists, by their paths
 * relative to the edition folder (at the top of the ZIP, or inside its only folder). Unpacking checks every entry:
 * a path must stay inside the folder, a file must be UTF-8 text, and the whole must stay small.
 */
public final class EditionZip {

    /** The most the unpacked files of one edition may hold together. */
    public static final long MAX_UNPACKED_BYTES = 20L * 1024 * 1024;
    /** The most files one edition ZIP may hold. */
    public static final int MAX_FILES = 1000;

    private EditionZip() {
    }

    /** The files of a ZIP by path, or what is wrong with it (each problem naming the ZIP or the entry). */
    public record Unpacked(Map<String, String> files, List<EditionProblem> problems) {
        public Unpacked {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            problems = List.copyOf(problems);
        }
    }

    /** Unpacks and checks a ZIP; {@code zipName} names it in problems about the whole file. */
    public static Unpacked read(String zipName, byte[] zip) {
        List<EditionProblem> problems = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        // every ZIP starts with a local file header (PK\3\4), or an end record (PK\5\6) when it is empty
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            return new Unpacked(files, List.of(EditionProblem.at(zipName, "", "edition.problem.not.a.zip.file")));
        }
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || addedByArchiver(name)) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    problems.add(EditionProblem.at(name, "", "edition.problem.the.zip.holds.more.than", MAX_FILES));
                    break;
                }
                String pathProblem = pathProblem(name);
                if (pathProblem != null) {
                    problems.add(EditionProblem.at(name, "", pathProblem));
                    continue;
                }
                byte[] bytes = readAtMost(in, MAX_UNPACKED_BYTES - unpacked);
                if (bytes == null) {
                    problems.add(EditionProblem.at(name, "", "edition.problem.too.large.the.unpacked.files", MAX_UNPACKED_BYTES / (1024 * 1024)));
                    break;
                }
                unpacked += bytes.length;
                String text = utf8(name, bytes, problems);
                if (text != null && files.put(name, text) != null) {
                    problems.add(EditionProblem.at(name, "", "edition.problem.the.zip.holds.this.path"));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipException (a damaged or encrypted ZIP) is an IOException; a malformed entry name is an
            // IllegalArgumentException
            problems.add(EditionProblem.at(zipName, "", "edition.problem.not.a.readable.zip.file", e.getMessage()));
        }
        if (problems.isEmpty() && files.isEmpty()) {
            problems.add(EditionProblem.at(zipName, "", "edition.problem.the.zip.holds.no.files"));
        }
        return new Unpacked(withoutCommonFolder(files), problems);
    }

    /** Packs files by path into a ZIP. */
    public static byte[] write(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Files an archiver adds of its own accord (macOS's resource forks and folder settings), left aside. */
    private static boolean addedByArchiver(String name) {
        return name.startsWith("__MACOSX/") || name.substring(name.lastIndexOf('/') + 1).startsWith(".");
    }

    /** The text key of why a path may not be used inside the edition folder, or null. */
    private static String pathProblem(String name) {
        if (name.contains("\\")) {
            return "edition.problem.path.backslash";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "edition.problem.path.absolute";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "edition.problem.path.leaves";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "edition.problem.path.notPlain";
            }
        }
        return null;
    }

    /** The entry's bytes, or null when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + (long) n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The bytes as UTF-8 text without a byte-order mark, or null with a problem naming the first bad byte. */
    private static String utf8(String name, byte[] bytes, List<EditionProblem> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(EditionProblem.at(name, "", "edition.problem.not.utf.text.byte.is", (buffer.position() + 1)));
            return null;
        }
    }

    /**
     * The files with the folder they are all in taken off their paths, when {@code edition.json} is in that folder
     * (a ZIP made of the edition's folder rather than of its contents).
     */
    private static Map<String, String> withoutCommonFolder(Map<String, String> files) {
        if (files.isEmpty() || files.containsKey("edition.json")) {
            return files;
        }
        String first = files.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String folder = first.substring(0, slash + 1);
        if (!files.containsKey(folder + "edition.json") || !files.keySet().stream().allMatch(n -> n.startsWith(folder))) {
            return files;
        }
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((name, text) -> out.put(name.substring(folder.length()), text));
        return out;
    }
}
