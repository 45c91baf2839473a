package org.barometer.app.frame;

import java.util.Map;

/**
 * One workplace of a frame, validated. {@code employees} may be null when the file gave only the size group. A
 * frame of the built-in register ({@link FrameSchema}) fills the public-workplace fields; a frame of a declared
 * register ({@link RegisterSchema}) leaves them null and keeps its variables in {@code variables}.
 *
 * @param row       the spreadsheet row it came from
 * @param variables the declared register variables by name (a missing optional value absent)
 */
public record FrameUnit(int row, String workplaceId, String name, String governmentLevel, String area,
                        Integer employees, String sizeGroup, String region, String managerName, String managerEmail,
                        String language, Map<String, String> variables) {

    public FrameUnit {
        variables = Map.copyOf(variables);
    }

    /** A unit of the built-in register. */
    public FrameUnit(int row, String workplaceId, String name, String governmentLevel, String area, Integer employees,
                     String sizeGroup, String region, String managerName, String managerEmail, String language) {
        this(row, workplaceId, name, governmentLevel, area, employees, sizeGroup, region, managerName, managerEmail,
                language, Map.of());
    }

    /**
     * The value of a stratification variable (one of {@link FrameSchema#STRATIFIERS}, or a declared variable of
     * the register), the empty string when it has none.
     */
    public String value(String variable) {
        return switch (variable) {
            case FrameSchema.GOVERNMENT_LEVEL -> governmentLevel;
            case FrameSchema.AREA -> area;
            case FrameSchema.SIZE_GROUP -> sizeGroup;
            case FrameSchema.REGION -> region == null ? "" : region;
            case FrameSchema.LANGUAGE -> language;
            default -> {
                if (variables.isEmpty()) {
                    throw new IllegalArgumentException("not a stratification variable: " + variable);
                }
                yield variables.getOrDefault(variable, "");
            }
        };
    }
}
