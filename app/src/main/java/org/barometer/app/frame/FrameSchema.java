package org.barometer.app.frame;

import java.util.List;

/**
 * The columns of a frame file and the categories they allow. Headers are matched without regard to case or
 * surrounding spaces. Either {@code employees} or {@code size_group} must be given for each row; when both
 * are, they must agree.
 */
public final class FrameSchema {
    private FrameSchema() {}

    public static final String WORKPLACE_ID = "workplace_id";
    public static final String NAME = "name";
    public static final String GOVERNMENT_LEVEL = "government_level";
    public static final String AREA = "area";
    public static final String EMPLOYEES = "employees";
    public static final String SIZE_GROUP = "size_group";
    public static final String REGION = "region";
    public static final String MANAGER_NAME = "manager_name";
    public static final String MANAGER_EMAIL = "manager_email";
    public static final String LANGUAGE = "language";

    /** Every known column, in the order of the template file. */
    public static final List<String> COLUMNS = List.of(WORKPLACE_ID, NAME, GOVERNMENT_LEVEL, AREA, EMPLOYEES,
            SIZE_GROUP, REGION, MANAGER_NAME, MANAGER_EMAIL, LANGUAGE);
    /** Columns that must be present in the header. */
    public static final List<String> REQUIRED_COLUMNS = List.of(WORKPLACE_ID, NAME, GOVERNMENT_LEVEL, AREA,
            MANAGER_EMAIL, LANGUAGE);

    public static final List<String> GOVERNMENT_LEVELS = List.of("state", "region", "municipality");
    public static final List<String> AREAS = List.of("public_administration", "judiciary", "education", "health",
            "elderly_disabled_care", "childcare", "other");
    /** Employee size groups; workplaces with fewer than {@link #MIN_EMPLOYEES} employees are outside the population. */
    public static final List<String> SIZE_GROUPS = List.of("3-9", "10-49", "50-249", "250+");
    public static final int MIN_EMPLOYEES = 3;
    public static final List<String> LANGUAGES = List.of("da", "en");

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 300;

    /** The size group of a number of employees (at least {@link #MIN_EMPLOYEES}). */
    public static String sizeGroup(int employees) {
        if (employees < MIN_EMPLOYEES) {
            throw new IllegalArgumentException("fewer than " + MIN_EMPLOYEES + " employees: " + employees);
        }
        if (employees < 10) {
            return "3-9";
        }
        if (employees < 50) {
            return "10-49";
        }
        if (employees < 250) {
            return "50-249";
        }
        return "250+";
    }

    /** The variables a frame can be stratified by. */
    public static final List<String> STRATIFIERS = List.of(GOVERNMENT_LEVEL, AREA, SIZE_GROUP, REGION, LANGUAGE);
    /** The default strata: government level × area × size group. */
    public static final List<String> DEFAULT_STRATA = List.of(GOVERNMENT_LEVEL, AREA, SIZE_GROUP);
}
