package dev.outdial.app.logging;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Puts the ids an activity works on ({@code user_id}, {@code campaign_id}, {@code call_id}, {@code
 * queue_item_id}, {@code execution_id}) on every log line it writes, next to the workflow ids the
 * Temporal SDK adds itself. They are read from the activity's arguments by name: a parameter called
 * {@code callId}, or a record component of that name.
 */
public class ActivityLogContext extends WorkerInterceptorBase {

  private static final Map<String, String> KEYS =
      Map.of(
          "userId", "user_id",
          "campaignId", "campaign_id",
          "callId", "call_id",
          "queueItemId", "queue_item_id",
          "executionId", "execution_id");

  /** Activity type (Temporal's name: the method name, capitalised) to its parameters' names. */
  private final Map<String, List<String>> parameters = new HashMap<>();

  public ActivityLogContext(List<Class<?>> activityInterfaces) {
    for (Class<?> activities : activityInterfaces) {
      for (Method method : activities.getMethods()) {
        String type =
            Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
        parameters.put(
            type, List.of(method.getParameters()).stream().map(Parameter::getName).toList());
      }
    }
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String activityType;

      @Override
      public void init(ActivityExecutionContext context) {
        activityType = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Map<String, String> ids = ids(activityType, input.getArguments());
        ids.forEach(MDC::put);
        try {
          return super.execute(input);
        } finally {
          ids.keySet().forEach(MDC::remove);
        }
      }
    };
  }

  Map<String, String> ids(String activityType, Object[] arguments) {
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> names = parameters.getOrDefault(activityType, List.of());
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (argument == null) {
        continue;
      }
      if (i < names.size() && KEYS.containsKey(names.get(i)) && isId(argument)) {
        ids.put(KEYS.get(names.get(i)), argument.toString());
      } else if (argument.getClass().isRecord()) {
        for (RecordComponent component : argument.getClass().getRecordComponents()) {
          if (KEYS.containsKey(component.getName())) {
            Object value = value(component, argument);
            if (value != null) {
              ids.putIfAbsent(KEYS.get(component.getName()), value.toString());
            }
          }
        }
      }
    }
    return ids;
  }

  private static final Set<Class<?>> ID_TYPES = Set.of(java.util.UUID.class, String.class);

  private static boolean isId(Object value) {
    return ID_TYPES.contains(value.getClass());
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
