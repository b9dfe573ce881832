package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyBufferTest {

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 'x');
    return bytes;
  }

  @Test
  void aBodyUpToTheLimitIsReadWhole() throws IOException {
    BodyBuffer buffer = new BodyBuffer(200_000, 1 << 20);
    for (int length : new int[] {0, 1, 65_536, 65_537, 200_000}) {
      BodyBuffer.Read read = buffer.read(new ByteArrayInputStream(bytes(length)), -1);
      assertThat(read.tooLarge).isFalse();
      assertThat(read.bytes).hasSize(length);
      buffer.release(read);
      BodyBuffer.Read declared = buffer.read(new ByteArrayInputStream(bytes(length)), length);
      assertThat(declared.bytes).hasSize(length);
      buffer.release(declared);
    }
    assertThat(buffer.read(new ByteArrayInputStream(bytes(200_001)), -1).tooLarge).isTrue();
  }

  @Test
  void bodiesBeingReadTogetherStayWithinTheBudgetAndGiveItBack() throws IOException {
    BodyBuffer buffer = new BodyBuffer(100_000, 150_000);
    BodyBuffer.Read first = buffer.read(new ByteArrayInputStream(bytes(100_000)), 100_000);
    assertThat(first.bytes).hasSize(100_000);
    BodyBuffer.Read second = buffer.read(new ByteArrayInputStream(bytes(100_000)), 100_000);
    assertThat(second.overBudget).as("two bodies of 100 kB in a budget of 150 kB").isTrue();
    buffer.release(second);
    buffer.release(first);
    BodyBuffer.Read again = buffer.read(new ByteArrayInputStream(bytes(100_000)), 100_000);
    assertThat(again.bytes).hasSize(100_000);
    buffer.release(again);
  }
}
