package org.barometer.app.frame;

import java.util.List;

/**
 * What the check of an uploaded frame file found, as the report page shows it: made once, when the file is
 * uploaded, and stored with it, so that looking at a report never reads the file again.
 *
 * @param validUnits    the rows without problems
 * @param faultyRows    the rows with at least one problem
 * @param problemCount  every problem found (only the first {@link #SHOWN} are kept)
 * @param fileProblems  whether a problem concerns the file or its header (then leaving rows out cannot help)
 * @param problems      the first problems, in the order found; their arguments as text
 */
public record FrameReport(int validUnits, int faultyRows, int problemCount, boolean fileProblems,
                          List<FrameProblem> problems) {
    /** Problems kept and shown in a report (the count is always given in full). */
    public static final int SHOWN = 1000;

    public FrameReport {
        problems = List.copyOf(problems);
    }

    /** The report of a check. */
    public static FrameReport of(FrameValidator.Result result) {
        List<FrameProblem> shown = result.problems().stream().limit(SHOWN).toList();
        return new FrameReport(result.validUnits().size(), result.faultyRows().size(), result.problems().size(),
                result.hasFileProblems(), shown);
    }

    public boolean clean() {
        return problemCount == 0;
    }

    /** The workplace ids given on more than one row, each with its rows in file order (from the problems kept). */
    public java.util.Map<String, List<Integer>> duplicates() {
        java.util.Map<String, java.util.TreeSet<Integer>> rows = new java.util.LinkedHashMap<>();
        for (FrameProblem p : problems) {
            if (p.messageKey().equals("frame.problem.duplicateId")) {
                rows.computeIfAbsent(p.value(), k -> new java.util.TreeSet<>()).add(p.row());
            }
        }
        java.util.Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
        rows.forEach((id, r) -> out.put(id, List.copyOf(r)));
        return out;
    }
}
