package tsunami.net;

import java.util.Arrays;

/** A dense int tensor (row-major) as it travels on the wire: actions, unit ids, masks. */
public record IntTensor(int[] shape, int[] data) {
    public IntTensor {
        long n = Tensors.elementCount(shape);
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " ints, got " + data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IntTensor" + Arrays.toString(shape);
    }
}
