package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;

/**
 * A synthetic frame shaped like the Danish public sector: about 14,300 workplaces across state, regions and
 * municipalities, seven areas and four size groups. Every name is made up and every e-mail address is under
 * {@code example.invalid}, so no real workplace or person appears. The same seed gives the same frame.
 */
public final class DemoFrame {
    /** The number of workplaces. */
    public static final int SIZE = 14_300;

    private static final String[] LEVELS = {"state", "region", "municipality"};
    private static final int[] LEVEL_COUNTS = {1_860, 1_430, 11_010};
    private static final String[] AREAS = {"public_administration", "judiciary", "education", "health",
            "elderly_disabled_care", "childcare", "other"};
    /** Share of each area within each level (rows: state, region, municipality). */
    private static final double[][] AREA_SHARES = {
            {0.36, 0.20, 0.20, 0.02, 0.00, 0.00, 0.22},
            {0.10, 0.00, 0.08, 0.55, 0.12, 0.00, 0.15},
            {0.08, 0.00, 0.22, 0.07, 0.25, 0.33, 0.05},
    };
    private static final String[] REGIONS = {"Hovedstaden", "Midtjylland", "Syddanmark", "Sjælland", "Nordjylland"};
    private static final double[] REGION_SHARES = {0.32, 0.23, 0.21, 0.14, 0.10};
    private static final String[] TOWNS = {"Egebjerg", "Lindholt", "Bøgely", "Askeby", "Rønnevang", "Kildemose",
            "Havnsø Nord", "Birkelund", "Storeskov", "Fjordby", "Lystrup Vest", "Enghave Syd", "Mølleby", "Vesterdal",
            "Østerhede", "Sandvig", "Bakkely", "Grønnemark", "Tornby", "Solbjerg"};
    private static final String[] STREETS = {"Bøge", "Ege", "Birke", "Ahorn", "Lærke", "Svane", "Enge", "Skov",
            "Mølle", "Kilde", "Sø", "Bakke", "Strand", "Park", "Hede"};
    private static final String[] FIRST = {"Anne", "Bo", "Camilla", "Dorte", "Erik", "Freja", "Gustav", "Hanne",
            "Ib", "Jonas", "Karen", "Lars", "Mette", "Niels", "Oda", "Peter", "Rikke", "Søren", "Tove", "Ulla"};
    private static final String[] LAST = {"Holmdal", "Krogsgaard", "Vinterberg", "Lyngholm", "Bækgaard", "Skovby",
            "Aalund", "Fjeldsø", "Rosenkjær", "Engstrup", "Mosegaard", "Thorsholm", "Kirkebæk", "Lindvig", "Havgaard"};

    private DemoFrame() {}

    /** The frame's workplaces, in workplace-id order. */
    public static List<FrameUnit> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<FrameUnit> units = new ArrayList<>(SIZE);
        int number = 0;
        for (int level = 0; level < LEVELS.length; level++) {
            for (int i = 0; i < LEVEL_COUNTS[level]; i++) {
                number++;
                String id = String.format("DK%06d", number);
                String area = AREAS[DemoModel.pick(random, AREA_SHARES[level])];
                int employees = employees(random, area);
                String region = REGIONS[DemoModel.pick(random, REGION_SHARES)];
                String town = TOWNS[random.nextInt(TOWNS.length)];
                String manager = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                String email = id.toLowerCase() + ".leder@example.invalid";
                String language = random.nextDouble() < 0.04 ? "en" : "da";
                units.add(new FrameUnit(number + 1, id, name(random, LEVELS[level], area, town), LEVELS[level], area,
                        employees, FrameSchema.sizeGroup(employees), region, manager, email, language));
            }
        }
        return units;
    }

    /**
     * The frame as the CSV file an office would upload (the template's columns, UTF-8, values quoted where
     * they need it), so that the demo's register goes through the same check and import as anyone's.
     */
    public static byte[] csv(List<FrameUnit> units) {
        StringBuilder out = new StringBuilder(String.join(",", FrameSchema.COLUMNS)).append('\n');
        for (FrameUnit u : units) {
            List<String> cells = new ArrayList<>();
            for (String column : FrameSchema.COLUMNS) {
                cells.add(quoted(switch (column) {
                    case FrameSchema.WORKPLACE_ID -> u.workplaceId();
                    case FrameSchema.NAME -> u.name();
                    case FrameSchema.GOVERNMENT_LEVEL -> u.governmentLevel();
                    case FrameSchema.AREA -> u.area();
                    case FrameSchema.EMPLOYEES -> u.employees() == null ? "" : u.employees().toString();
                    case FrameSchema.SIZE_GROUP -> u.sizeGroup();
                    case FrameSchema.REGION -> u.region() == null ? "" : u.region();
                    case FrameSchema.MANAGER_NAME -> u.managerName() == null ? "" : u.managerName();
                    case FrameSchema.MANAGER_EMAIL -> u.managerEmail();
                    case FrameSchema.LANGUAGE -> u.language();
                    default -> throw new IllegalStateException("frame column " + column + " has no demo value");
                }));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Log-normal-ish head counts from 3 up, larger for hospitals and courts than for childcare. */
    private static int employees(SplittableRandom random, String area) {
        double mu = switch (area) {
            case "health" -> 3.6;
            case "judiciary", "public_administration" -> 3.2;
            case "childcare" -> 2.6;
            default -> 3.0;
        };
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return (int) Math.min(5_000, FrameSchema.MIN_EMPLOYEES + Math.floor(Math.exp(mu + 0.9 * gaussian)));
    }

    private static String name(SplittableRandom random, String level, String area, String town) {
        String street = STREETS[random.nextInt(STREETS.length)];
        return switch (area) {
            case "education" -> level.equals("municipality") ? street + "skolen, " + town
                    : level.equals("region") ? town + " Erhvervsskole" : town + " Professionshøjskole, afd. " + street;
            case "childcare" -> "Børnehuset " + street + "bakken, " + town;
            case "health" -> level.equals("region") ? town + " Sygehus, " + street + "afsnittet"
                    : town + " Sundhedscenter";
            case "elderly_disabled_care" -> "Plejecentret " + street + "hjem, " + town;
            case "judiciary" -> "Retten i " + town;
            case "public_administration" -> switch (level) {
                case "state" -> "Styrelsen for " + street + "forvaltning, " + town;
                case "region" -> "Region " + town + ", " + street + "kontoret";
                default -> town + " Kommune, " + street + "forvaltningen";
            };
            default -> town + " " + street + "hus";
        };
    }
}
