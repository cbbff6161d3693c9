package tsunami.net;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor records and their decoder. */
final class Tensors {
    static final int MAX_RANK = 8;

    private Tensors() {
    }

    static long elementCount(int[] shape) {
        if (shape.length > MAX_RANK) throw new IllegalArgumentException("tensor rank " + shape.length + " > " + MAX_RANK);
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " too large");
        }
        return n;
    }
}
