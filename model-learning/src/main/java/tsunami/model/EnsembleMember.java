package tsunami.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One member of the world-model ensemble: a per-unit network (a unit's input row to its change)
 * and an outcome network (side totals before and after to reward and episode end), both small
 * DL4J MLPs trained by mean squared error. Not thread-safe: {@link WorldModel} locks each member.
 */
final class EnsembleMember {
    final MultiLayerNetwork unitNet;
    final MultiLayerNetwork outcomeNet;

    EnsembleMember(int unitInputs, int hidden, double learningRate, long seed) {
        unitNet = mlp(unitInputs, hidden, UnitFeatures.UNIT_OUTPUTS, learningRate, seed);
        outcomeNet = mlp(UnitFeatures.OUTCOME_INPUTS, Math.max(16, hidden / 2), UnitFeatures.OUTCOME_OUTPUTS, learningRate, seed + 1);
    }

    private static MultiLayerNetwork mlp(int in, int hidden, int out, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(hidden).nOut(out).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray matrix(float[] data, int rows, int cols) {
        return Nd4j.create(data, new int[]{rows, cols});
    }

    static float[] flat(INDArray a) {
        return a.reshape(a.length()).toFloatVector();
    }

    static float[] predict(MultiLayerNetwork net, float[] in, int rows, int cols) {
        return flat(net.output(matrix(in, rows, cols), false));
    }

    static void fit(MultiLayerNetwork net, float[] in, float[] target, int rows, int inCols, int outCols) {
        net.fit(matrix(in, rows, inCols), matrix(target, rows, outCols));
    }
}
