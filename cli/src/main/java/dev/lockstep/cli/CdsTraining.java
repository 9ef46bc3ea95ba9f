package dev.lockstep.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind the distribution's AppCDS archive ({@code lib/lockstep.jsa}). The build
 * runs it once at packaging time in a JVM started with {@code -XX:ArchiveClassesAtExit}, with the
 * launcher's options and class path (see cli/pom.xml); the JVM then writes every class the run
 * loaded into the archive, and the launcher maps them at start-up instead of loading and verifying
 * them again. The run does what users do first: {@code --help}, {@code version}, {@code validate},
 * and an apply and plans of a small Kubernetes and {@code terraform_data} configuration against the
 * in-process sandbox (which loads the Kubernetes client, the state codec, the planner and the
 * renderers). Output is discarded; a failing step is ignored (the archive just holds fewer
 * classes). Usage: {@code CdsTraining WORKDIR [ARCHIVE]}; an existing ARCHIVE is deleted first, so
 * that a failed dump never leaves an archive of older jars behind.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/cds-training");
        if (args.length > 1) {
            Files.deleteIfExists(Path.of(args[1]));
        }
        deleteTree(work);
        Path dir = Files.createDirectories(work.resolve("config"));
        Files.writeString(dir.resolve("main.hcl"), """
                variable "team" {
                  type    = string
                  default = "platform"
                }

                locals {
                  labels = { "app.kubernetes.io/part-of" = var.team }
                }

                resource "kubernetes_namespace" "team" {
                  metadata {
                    name   = "team-a"
                    labels = local.labels
                  }
                }

                resource "kubernetes_config_map" "settings" {
                  metadata {
                    name      = "settings"
                    namespace = kubernetes_namespace.team.metadata[0].name
                    labels    = merge(local.labels, { tier = "backend" })
                  }
                  data = { LOG_LEVEL = "info" }
                }

                resource "kubernetes_role" "reader" {
                  metadata {
                    name      = "reader"
                    namespace = kubernetes_namespace.team.metadata[0].name
                  }
                  rule {
                    api_groups = [""]
                    resources  = ["pods"]
                    verbs      = ["get", "list"]
                  }
                }

                resource "terraform_data" "marker" {
                  input = { team = var.team, roles = [kubernetes_role.reader.metadata[0].name] }
                }

                output "namespace" {
                  value = kubernetes_namespace.team.metadata[0].name
                }
                """);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        PrintWriter out = new PrintWriter(nowhere, true);
        String d = dir.toString();
        List<String[]> steps = List.of(
                new String[] {"--help"},
                new String[] {"version"},
                new String[] {"plan", "--help"},
                new String[] {"validate", "-C", d},
                new String[] {"--sandbox", "--no-color", "-C", d, "plan"},
                new String[] {"--sandbox", "--no-color", "-C", d, "apply", "--auto-approve"},
                new String[] {"--sandbox", "--no-color", "-C", d, "plan", "--detailed-exitcode"},
                new String[] {"--sandbox", "--no-color", "-C", d, "plan", "--format", "json"},
                new String[] {"--sandbox", "-C", d, "drift"},
                new String[] {"-C", d, "state", "list"});
        int failed = 0;
        for (String[] step : steps) {
            try {
                int code = Lockstep.run(out, out, step);
                failed += code == 0 || code == 2 ? 0 : 1;
            } catch (RuntimeException | LinkageError e) {
                failed++;
            }
        }
        System.setOut(realOut);
        System.setErr(realErr);
        realErr.println("lockstep: AppCDS training run done (" + steps.size() + " commands, " + failed + " failed)");
        deleteTree(work);
        // emulator and client threads may linger; the archive is written at exit either way
        System.exit(0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
