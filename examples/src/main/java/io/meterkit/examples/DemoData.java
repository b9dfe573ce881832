package io.meterkit.examples;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic, reproducible demo data set: eight virtual machines of three projects and four users,
 * measured every ten minutes over the 30 days before "now" by five meters.
 *
 * <ul>
 *   <li>{@code cpu_util} (gauge, %): a random walk between 0 and 100.
 *   <li>{@code memory.usage} (gauge, MB): a share of the flavor's memory.
 *   <li>{@code disk.read.bytes} (cumulative, B): a running total.
 *   <li>{@code network.incoming.bytes} (delta, B): bytes received in the last ten minutes.
 *   <li>{@code instance} (gauge, instance): 1 while the machine exists.
 * </ul>
 *
 * <p>Resources carry metadata such as {@code display_name}, {@code flavor}, {@code image} and a
 * nested {@code properties.env}. Thread-safe: stateless.
 */
final class DemoData {
  static final long STEP_MILLIS = 10 * 60 * 1000L;
  static final int DAYS = 30;

  private record Vm(String id, String project, String user, String flavor, int memoryMb) {}

  private static final List<Vm> VMS =
      List.of(
          new Vm("vm-web-1", "acme", "alice", "m1.small", 2048),
          new Vm("vm-web-2", "acme", "alice", "m1.small", 2048),
          new Vm("vm-db-1", "acme", "bob", "m1.large", 8192),
          new Vm("vm-batch-1", "globex", "carol", "m1.xlarge", 16384),
          new Vm("vm-batch-2", "globex", "carol", "m1.xlarge", 16384),
          new Vm("vm-ci-1", "globex", "dave", "m1.medium", 4096),
          new Vm("vm-lab-1", "initech", "dave", "m1.tiny", 512),
          new Vm("vm-lab-2", "initech", "bob", "m1.medium", 4096));

  private DemoData() {}

  /**
   * Generates the data set for the 30 days before {@code nowMillis} and stores it.
   *
   * @return the number of samples stored
   */
  static long load(MeterStore store, long nowMillis) {
    Random random = new Random(42);
    long end = Math.floorDiv(nowMillis, STEP_MILLIS) * STEP_MILLIS;
    long start = end - DAYS * 24L * 3600 * 1000;
    long stored = 0;
    for (Vm vm : VMS) {
      List<Sample> samples = new ArrayList<>();
      Map<String, String> metadata =
          Map.of(
              "display_name",
              vm.id(),
              "flavor",
              vm.flavor(),
              "image",
              vm.id().contains("db") ? "postgres-14" : "ubuntu-22.04",
              "properties.env",
              vm.project().equals("initech") ? "lab" : "prod");
      double cpu = 20 + random.nextInt(40);
      double diskRead = 0;
      for (long t = start; t < end; t += STEP_MILLIS) {
        cpu = Math.max(0, Math.min(100, cpu + random.nextGaussian() * 5));
        diskRead += random.nextInt(50_000_000);
        double memory = Math.round(vm.memoryMb() * (0.3 + 0.5 * random.nextDouble()));
        double received = random.nextInt(200_000_000);
        samples.add(sample("cpu_util", MeterType.GAUGE, "%", round(cpu), t, vm, metadata));
        samples.add(sample("memory.usage", MeterType.GAUGE, "MB", memory, t, vm, metadata));
        samples.add(
            sample("disk.read.bytes", MeterType.CUMULATIVE, "B", diskRead, t, vm, metadata));
        samples.add(
            sample("network.incoming.bytes", MeterType.DELTA, "B", received, t, vm, metadata));
        samples.add(sample("instance", MeterType.GAUGE, "instance", 1, t, vm, metadata));
      }
      stored += store.recordAll(samples);
    }
    return stored;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static Sample sample(
      String meter,
      MeterType type,
      String unit,
      double volume,
      long timestampMillis,
      Vm vm,
      Map<String, String> metadata) {
    return Sample.builder(meter, type, unit)
        .volume(volume)
        .timestampMillis(timestampMillis)
        .resourceId(vm.id())
        .projectId(vm.project())
        .userId(vm.user())
        .source("openstack")
        .metadata(metadata)
        .build();
  }
}
