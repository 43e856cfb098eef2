package dev.outdial.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text Postgres cannot store: the NUL character (U+0000), or bytes that are not UTF-8. JSON bodies
 * carrying a NUL are refused as they are read, before anything is done with them (an agent is not
 * created at Bolna only for its row to fail); what comes another way (a query parameter, a form) is
 * recognised when Postgres refuses it, and answered 400 instead of 500.
 */
@Configuration(proxyBeanMethods = false)
public class UnstorableText {

  public static final String DETAIL =
      "Text may not contain the NUL character (U+0000) or bytes that are not UTF-8";

  /** SQLSTATEs of text Postgres cannot take: invalid byte sequence, unsupported escape. */
  private static final Set<String> REFUSED_TEXT = Set.of("22021", "22P05");

  /** True when the failure is Postgres refusing such text, anywhere in the cause chain. */
  public static boolean refusedBy(Throwable failure) {
    return Causes.anyMatch(
        failure,
        cause -> cause instanceof SQLException sql && REFUSED_TEXT.contains(sql.getSQLState()));
  }

  /**
   * A number where true or false belongs is refused as well, as the spec says, rather than read as
   * 0 = false.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer refuseNumbersForBooleans() {
    return builder ->
        builder.postConfigurer(
            mapper ->
                mapper
                    .coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer refuseNulInJsonText() {
    SimpleModule module = new SimpleModule("outdial-unstorable-text");
    module.addDeserializer(String.class, new NulRefusingStrings());
    return builder -> builder.modulesToInstall(module);
  }

  /** Jackson's own strings, refused when they carry a NUL. */
  static final class NulRefusingStrings extends StdScalarDeserializer<String> {

    NulRefusingStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != null
          && parser.currentToken().isScalarValue()
          && parser.currentToken() != JsonToken.VALUE_STRING
          && parser.currentToken() != JsonToken.VALUE_NULL) {
        // A number or true/false where text belongs is a mistake, not text to keep.
        return (String) context.handleUnexpectedToken(String.class, parser);
      }
      String text = StringDeserializer.instance.deserialize(parser, context);
      if (text != null && text.indexOf('\u0000') >= 0) {
        throw InvalidFormatException.from(parser, DETAIL, text, String.class);
      }
      return text;
    }
  }
}
