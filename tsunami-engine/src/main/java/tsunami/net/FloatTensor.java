package tsunami.net;

import java.util.Arrays;

/** A dense float tensor (row-major) as it travels on the wire: parameters, observations, trajectories. */
public record FloatTensor(int[] shape, float[] data) {
    public FloatTensor {
        long n = Tensors.elementCount(shape);
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " floats, got " + data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
