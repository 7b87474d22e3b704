//! Reading JSON text into the app's types: serde_json's reader, with every
//! struct read from an object only.
//!
//! serde_json reads a struct from an object or from an array of its fields
//! in order, so every struct's derived reader is compiled twice, once for
//! each. Nothing this app writes or reads has a struct as an array, and the
//! second reader was about 18 KB of a case's page (gzipped, measured by
//! `scripts/size-check.mjs`; `docs/performance.md`). Here the struct is asked
//! of serde_json as a map, so only the object reader is built. An array where
//! a struct belongs is refused, saying what was expected, as any other value
//! of the wrong kind is.
//!
//! Every reading of a type must go through here: a type read both here and
//! straight through serde_json is compiled twice. `clippy.toml` refuses
//! `serde_json::from_str` in the crate's code for that reason. Untyped JSON
//! (`serde_json::Value`) is the exception, read by [`plain`]: serde_json's
//! reader of `Value` calls serde_json's own `from_str` inside it (for raw
//! values), so that copy is built whatever the app does.
//!
//! Nothing is read through `#[serde(untagged)]`: serde reads its variants
//! from values it has buffered, not through here, so a struct there would
//! still be taken from an array. A field of more than one shape is read by
//! a visitor of its own (`applies_to` and `key` in a framework file).

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// Reads `text` as one `T`, with nothing but whitespace after it; errors as
/// serde_json's own, with their line and column.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = read(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads a `T` from a deserializer the caller holds (to ask it where it
/// stopped, or to read on).
pub fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(de: D) -> Result<T, D::Error> {
    T::deserialize(Objects(de))
}

/// Reads `text` with serde_json's own reader: only for `serde_json::Value`
/// and envelopes whose fields are `Value`s (see the module's notes).
#[allow(clippy::disallowed_methods)]
pub fn plain<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    serde_json::from_str(text)
}

/// A deserializer that asks for a map wherever a struct is wanted, and
/// wraps what it hands on so that nested values are read the same way.
struct Objects<D>(D);

macro_rules! forward_deserialize {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Visit(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any deserialize_bool
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Visit(visitor))
    }

    /// The name passes through: serde_json's raw values are asked for by a
    /// newtype of a name of its own.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Visit(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Visit(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Visit(visitor))
    }

    /// The one change: a struct is read from a map only.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Visit(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Visit(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested deserializers, lists, maps and enums are wrapped.
struct Visit<V>(V);

macro_rules! forward_visit {
    ($($method:ident: $ty:ty)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit! {
        visit_bool: bool
        visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64 visit_i128: i128
        visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64 visit_u128: u128
        visit_f32: f32 visit_f64: f64 visit_char: char
        visit_str: &str visit_borrowed_str: &'de str visit_string: String
        visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(de))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(de))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

/// A seed whose deserializer is wrapped.
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(de))
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Map<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Visit(visitor))
    }

    /// A struct variant's fields are read from a map only, as a struct's
    /// are: asked for as a newtype whose value is a map.
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.newtype_variant_seed(Fields(visitor))
    }
}

/// The fields of a struct variant, read as a map.
struct Fields<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Fields<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        de.deserialize_map(Visit(self.0))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Point {
        x: i32,
        #[serde(default)]
        label: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Dot,
        At(Point),
    }

    #[test]
    fn reads_structs_from_objects_nested_in_lists_options_and_enums() {
        let shapes: Vec<Shape> = from_str(r#"["dot", {"at": {"x": 3, "label": "a"}}]"#).unwrap();
        assert_eq!(
            shapes,
            [
                Shape::Dot,
                Shape::At(Point {
                    x: 3,
                    label: Some("a".into())
                })
            ]
        );
    }

    #[test]
    fn refuses_a_struct_written_as_an_array_where_serde_json_would_take_it() {
        let text = r#"{"at": [3, null]}"#;
        #[allow(clippy::disallowed_methods)]
        let plain = serde_json::from_str::<Shape>(text);
        assert!(plain.is_ok(), "serde_json alone reads the array");
        let err = from_str::<Shape>(text).unwrap_err();
        assert!(err.is_data(), "{err}");
        assert!(err.to_string().contains("expected struct Point"), "{err}");
        assert_eq!((err.line(), err.column()), (1, 7), "{err}");
    }

    #[test]
    fn reads_a_struct_variant_from_an_object_only() {
        #[derive(Debug, Deserialize, PartialEq)]
        enum Mark {
            At { x: i32 },
        }
        let read: Mark = from_str(r#"{"At": {"x": 2}}"#).unwrap();
        assert_eq!(read, Mark::At { x: 2 });
        #[allow(clippy::disallowed_methods)]
        let plain = serde_json::from_str::<Mark>(r#"{"At": [2]}"#);
        assert!(plain.is_ok(), "serde_json alone reads the array");
        let err = from_str::<Mark>(r#"{"At": [2]}"#).unwrap_err();
        assert!(err.to_string().contains("struct variant Mark::At"), "{err}");
    }

    #[test]
    fn says_where_a_wrong_value_is_and_refuses_trailing_text() {
        let err = from_str::<Point>("{\n  \"x\": \"three\"}").unwrap_err();
        assert_eq!(err.line(), 2, "{err}");
        assert!(err.to_string().contains("expected i32"), "{err}");
        assert!(from_str::<Point>(r#"{"x": 1} x"#).is_err());
    }

    #[test]
    fn reads_raw_values_through_serde_jsons_own_name() {
        #[derive(Deserialize)]
        struct Record<'a> {
            #[serde(borrow)]
            case: &'a serde_json::value::RawValue,
        }
        let r: Record = from_str(r#"{"case": {"id": [1, 2]}}"#).unwrap();
        assert_eq!(r.case.get(), r#"{"id": [1, 2]}"#);
    }
}
