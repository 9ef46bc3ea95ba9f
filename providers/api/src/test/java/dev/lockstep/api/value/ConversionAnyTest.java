package dev.lockstep.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversion to collection types that contain {@code any}: the converted elements are unified to
 * one concrete element type, with nulls, unknowns and sensitive marks carried along.
 */
class ConversionAnyTest {

    private static final Type ROLE = new ObjectType(Map.of("name", Type.STRING, "definition", Type.DYNAMIC));

    private static Value role(String name, Value definition) {
        return Value.object(Map.of("name", Value.string(name), "definition", definition));
    }

    @Test
    void unknownAndNullElementsTakeTheCommonType() throws ConversionException {
        Value def = Value.object(Map.of("x", Value.string("1")));
        Value in = Value.tuple(List.of(role("a", def), role("b", Value.DYNAMIC_UNKNOWN), Value.DYNAMIC_UNKNOWN,
                role("c", Value.NULL)));
        Value out = Conversion.convert(in, new ListType(ROLE));
        Type want = new ObjectType(Map.of("name", Type.STRING, "definition", def.type()));
        assertEquals(new ListType(want), out.type());
        assertFalse(out.elements().get(1).get("definition").isKnown());
        assertEquals(want, out.elements().get(2).type());
        assertFalse(out.elements().get(2).isKnown());
        assertTrue(out.elements().get(3).get("definition").isNull());
    }

    @Test
    void sensitiveElementsStayMarkedThroughUnification() throws ConversionException {
        Value secret = Value.object(Map.of("k", Value.number(1))).markSensitive();
        Value in = Value.tuple(List.of(role("a", Value.object(Map.of("k", Value.string("x")))), role("b", secret)));
        Value out = Conversion.convert(in, new ListType(ROLE));
        Value converted = out.elements().get(1).get("definition");
        assertTrue(converted.isSensitive());
        assertEquals(Value.string("1"), converted.unmarkDeep().get("k"));
    }

    @Test
    void noCommonTypeIsAConversionErrorNotAnIllegalArgument() {
        Value in = Value.tuple(List.of(role("a", Value.object(Map.of("x", Value.string("1")))),
                role("b", Value.object(Map.of("y", Value.tuple(List.of(Value.number(2))))))));
        ConversionException e = assertThrows(ConversionException.class,
                () -> Conversion.convert(in, new ListType(ROLE)));
        assertEquals("cannot find a common base type for all elements", e.getMessage());
    }

    @Test
    void emptyCollectionsKeepTheWantedTypeWithAnyInIt() throws ConversionException {
        assertEquals(new ListType(ROLE), Conversion.convert(Value.EMPTY_TUPLE, new ListType(ROLE)).type());
        assertEquals(new MapType(ROLE), Conversion.convert(Value.EMPTY_OBJECT, new MapType(ROLE)).type());
    }
}
