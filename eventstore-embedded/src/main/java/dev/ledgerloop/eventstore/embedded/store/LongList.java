package dev.ledgerloop.eventstore.embedded.store;

import java.util.Arrays;

/**
 * A grow-only list of longs with one writer and many lock-free readers. A reader that reads {@link #size()} first
 * sees every element below that size, because the writer publishes the element before the size (both volatile).
 */
final class LongList {
    private volatile long[] values = new long[8];
    private volatile int size;

    /** Writer thread only. */
    void add(long value) {
        long[] array = values;
        int count = size;
        if (count == array.length) {
            array = Arrays.copyOf(array, count * 2);
            values = array;
        }
        array[count] = value;
        size = count + 1;
    }

    int size() {
        return size;
    }

    long get(int index) {
        return values[index];
    }

    /** Index of the first element at or above {@code value} among the first {@code count}; elements ascend. */
    int lowerBound(long value, int count) {
        long[] array = values;
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (array[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
