package dev.weft.agent;

import dev.weft.weaver.WovenMethods;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Binds {@link MethodId} parameters of the span advice: registers each woven method with {@link
 * WovenMethods} at weave time and weaves its id in as a constant.
 */
final class MethodIdMapping implements Advice.OffsetMapping.Factory<MethodId> {
  private final ParameterNames parameterNames;

  MethodIdMapping(ParameterNames parameterNames) {
    this.parameterNames = parameterNames;
  }

  @Override
  public Class<MethodId> getAnnotationType() {
    return MethodId.class;
  }

  @Override
  public Advice.OffsetMapping make(
      ParameterDescription.InDefinedShape target,
      AnnotationDescription.Loadable<MethodId> annotation,
      AdviceType adviceType) {
    return new Advice.OffsetMapping() {
      @Override
      public Target resolve(
          TypeDescription instrumentedType,
          MethodDescription instrumentedMethod,
          Assigner assigner,
          Advice.ArgumentHandler argumentHandler,
          Sort sort) {
        int id =
            WovenMethods.register(
                instrumentedType.getName(),
                instrumentedMethod.getInternalName(),
                instrumentedMethod.getDescriptor(),
                parameterNames.of(instrumentedMethod));
        return new Target.ForStackManipulation(IntegerConstant.forValue(id));
      }
    };
  }
}
