package org.barometer.app;

import java.util.Arrays;
import org.barometer.app.demo.DemoCommand;
import org.barometer.app.export.ExportCommand;
import org.barometer.forms.cli.FormCommand;
import org.barometer.stats.cli.EstimateCommand;

/** The one entry point behind {@code ./barometer}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Main demo|serve|estimate|form|export …");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "estimate" -> EstimateCommand.run(rest);
            case "form" -> FormCommand.run(rest);
            case "export" -> ExportCommand.run(rest, System.getenv());
            case "serve" -> Server.serve(System.getenv());
            case "demo" -> DemoCommand.run(System.getenv(), platform -> Server.start(platform, platform.config().port()));
            default -> {
                System.err.println("unknown command: " + args[0]);
                yield 2;
            }
        };
        System.exit(code);
    }
}
