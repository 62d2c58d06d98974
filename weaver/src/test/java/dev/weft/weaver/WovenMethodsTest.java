package dev.weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.annotations.ToolSpan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WovenMethodsTest {
  private RecordingProcessor recorder;

  @BeforeEach
  void configure() {
    recorder = TracingSetup.configure("");
  }

  static class Woven {
    @ToolSpan
    String echo(String text) {
      return text;
    }

    @ToolSpan
    int depth(int n) {
      return n;
    }
  }

  private static int register(String name, String descriptor) {
    return WovenMethods.register(Woven.class.getName(), name, descriptor, new String[] {"text"});
  }

  @Test
  void register_returnsOneIdPerMethod() {
    int first = register("echo", "(Ljava/lang/String;)Ljava/lang/String;");
    int again = register("echo", "(Ljava/lang/String;)Ljava/lang/String;");

    assertThat(again).isEqualTo(first);
  }

  @Test
  void enterAndExit_byId_recordTheSpan() {
    int id = register("echo", "(Ljava/lang/String;)Ljava/lang/String;");

    assertThat(WovenMethods.needsArguments(id, Woven.class)).isTrue();
    Object call = WovenMethods.enter(id, Woven.class, new Object[] {"hello"});
    Object returned = WovenMethods.exit(id, Woven.class, call, "hello", null);

    assertThat(returned).isEqualTo("hello");
    assertThat(recorder.only().data().displayName()).isEqualTo("echo");
  }

  @Test
  void aMethodWovenByTheAgent_isSkippedByOtherRoutes_soItYieldsOneSpan() throws Exception {
    int id = register("depth", "(I)I");
    MethodDescriptor shared =
        MethodSpanEngine.descriptorFor(Woven.class.getDeclaredMethod("depth", int.class));

    Object agentCall = WovenMethods.enter(id, Woven.class, new Object[] {1});
    Object aspectCall = MethodSpanEngine.enter(shared, new Object[] {1});
    MethodSpanEngine.exit(shared, aspectCall, 1, null);
    WovenMethods.exit(id, Woven.class, agentCall, 1, null);

    assertThat(shared.wovenByAgent()).isTrue();
    assertThat(aspectCall).isNull();
    assertThat(recorder.ended).hasSize(1);
  }

  @Test
  void recursiveCalls_eachGetASpan() {
    int id = register("depth", "(I)I");

    Object outer = WovenMethods.enter(id, Woven.class, new Object[] {2});
    Object inner = WovenMethods.enter(id, Woven.class, new Object[] {1});
    WovenMethods.exit(id, Woven.class, inner, 1, null);
    WovenMethods.exit(id, Woven.class, outer, 2, null);

    assertThat(recorder.ended).hasSize(2);
    assertThat(recorder.ended.get(0).parentId()).isEqualTo(recorder.ended.get(1).spanId());
  }

  @Test
  void unknownIdOrMethod_opensNothing() {
    int id = WovenMethods.register(Woven.class.getName(), "gone", "()V", null);

    assertThat(WovenMethods.enter(id, Woven.class, null)).isNull();
    assertThat(WovenMethods.enter(-1, Woven.class, null)).isNull();
    assertThat(WovenMethods.exit(-1, Woven.class, null, "r", null)).isEqualTo("r");
  }
}
