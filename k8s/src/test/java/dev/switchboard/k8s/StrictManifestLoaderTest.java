package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class StrictManifestLoaderTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void loadsAValidDeployment() throws Exception {
        var objects = StrictManifestLoader.load(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"));
        assertThat(objects).singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void rejectsAnUnknownFieldDeepInsideWithItsPath() {
        assertThatThrownBy(() -> StrictManifestLoader.load(DEPLOYMENT.formatted("livenessProbee: {}")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("document 0 (apps/v1/Deployment d)")
                .hasMessageContaining(".spec.template.spec.containers[0]")
                .hasMessageContaining("livenessProbee");
    }

    @Test
    void rejectsAWrongValueType() {
        assertThatThrownBy(() -> StrictManifestLoader.load(DEPLOYMENT.formatted("ports: {containerPort: 1}")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("ports");
    }

    @Test
    void rejectsAnUnknownKindOrApiVersion() {
        assertThatThrownBy(() ->
                        StrictManifestLoader.load(DEPLOYMENT.formatted("").replace("apps/v1", "extensions/v1beta1")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("apiVersion/kind not supported");
    }

    @Test
    void rejectsATypoInAnHpaSpec() {
        String hpa = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: h}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}
                  maxReplicas: 2
                  behaviour: {}
                """;
        assertThatThrownBy(() -> StrictManifestLoader.load(hpa))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("behaviour");
    }
}
