package org.barometer.app.frame;

/**
 * One workplace of a frame, validated. {@code employees} may be null when the file gave only the size group.
 *
 * @param row the spreadsheet row it came from
 */
public record FrameUnit(int row, String workplaceId, String name, String governmentLevel, String area,
                        Integer employees, String sizeGroup, String region, String managerName, String managerEmail,
                        String language) {

    /** The value of a stratification variable (one of {@link FrameSchema#STRATIFIERS}). */
    public String value(String variable) {
        return switch (variable) {
            case FrameSchema.GOVERNMENT_LEVEL -> governmentLevel;
            case FrameSchema.AREA -> area;
            case FrameSchema.SIZE_GROUP -> sizeGroup;
            case FrameSchema.REGION -> region == null ? "" : region;
            case FrameSchema.LANGUAGE -> language;
            default -> throw new IllegalArgumentException("not a stratification variable: " + variable);
        };
    }
}
