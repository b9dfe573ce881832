package io.meterkit.store.internal.state;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A growing dictionary that gives every distinct value a dense int id, id 0 being a fixed "zero"
 * value (the absent string, the empty metadata map).
 *
 * <p>Concurrency contract: {@link #intern} is called by one writer at a time (under the store's
 * write lock). Readers may call {@link #idOf} and {@link #valueOf} at any time: the id map is a
 * {@link ConcurrentHashMap}, and the value array and the size are volatile and written after the
 * slot is filled, so a reader that learnt an id from published data always sees its value.
 *
 * @param <T> the value type; must have value-based {@code equals} and {@code hashCode}
 */
public final class DenseDictionary<T> {
  private final T zeroValue;
  private final ConcurrentHashMap<T, Integer> ids = new ConcurrentHashMap<>();
  private volatile Object[] values = new Object[16];
  private volatile int size = 1;

  /**
   * Creates a dictionary whose id 0 stands for {@code zeroValue}.
   *
   * @param zeroValue the value of id 0, null allowed
   */
  public DenseDictionary(T zeroValue) {
    this.zeroValue = zeroValue;
    values[0] = zeroValue;
  }

  /**
   * Returns the id of {@code value}, or -1 when it was never interned.
   *
   * @param value a value, or the zero value
   * @return its id, 0 for the zero value, -1 when unknown
   */
  public int idOf(T value) {
    if (Objects.equals(value, zeroValue)) {
      return 0;
    }
    Integer id = ids.get(value);
    return id == null ? -1 : id;
  }

  /**
   * Returns the value of an id.
   *
   * @param id an assigned id
   * @return the value
   * @throws IndexOutOfBoundsException when {@code id} was never assigned
   */
  @SuppressWarnings("unchecked")
  public T valueOf(int id) {
    if (id < 0 || id >= size) {
      throw new IndexOutOfBoundsException("dictionary id " + id + " was never assigned");
    }
    return (T) values[id];
  }

  /**
   * Returns the id of {@code value}, assigning the next one when it is new. Writer only.
   *
   * @param value a value
   * @return its id
   */
  public int intern(T value) {
    int known = idOf(value);
    if (known >= 0) {
      return known;
    }
    int id = size;
    Object[] current = values;
    if (id == current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    current[id] = value;
    values = current; // volatile write: the slot (and a grown array) is visible before the id
    size = id + 1;
    ids.put(value, id);
    return id;
  }

  /**
   * Returns the number of assigned ids, including id 0.
   *
   * @return every assigned id is below this bound
   */
  public int size() {
    return size;
  }
}
