//! Key material versions and rotation (issue 3; DESIGN.md section 3,
//! docs/DECISIONS.md "Rotation" and "The managed default key"): on-demand
//! rotation and its limit, automatic rotation applied by `maintain` under
//! `faketime`, missed periods, the managed key, and the keys that never
//! rotate.

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::crypto::{MATERIAL_ID_RANGE, b64_field, decrypt_ok, encrypt, hex};
use crate::env::{
    EXIT_INVALID_VALUE, EXIT_KMS, Out, TestEnv, env_with_keyring, parse_time, str_field,
};

/// All rotations of a key, following NextMarker.
#[track_caller]
fn rotations(env: &TestEnv, key: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut a = vec![
            "list-key-rotations".to_owned(),
            "--key-id".into(),
            key.into(),
        ];
        if let Some(m) = &marker {
            a.extend(["--marker".into(), m.clone()]);
        }
        let v = env.json(&a);
        all.extend(
            v["Rotations"]
                .as_array()
                .unwrap_or_else(|| panic!("no Rotations array: {v}"))
                .iter()
                .cloned(),
        );
        if v["Truncated"] == true {
            marker = Some(str_field(&v, "NextMarker"));
        } else {
            // The first call fetches every page: no paging fields.
            assert!(
                v.get("Truncated").is_none() || v["Truncated"] == false,
                "Truncated is a bool: {v}"
            );
            break;
        }
        assert!(all.len() < 1000, "list-key-rotations does not end");
    }
    all
}

/// RotationType of each rotation, oldest first.
fn rotation_types(env: &TestEnv, key: &str) -> Vec<String> {
    rotations(env, key)
        .iter()
        .map(|r| str_field(r, "RotationType"))
        .collect()
}

fn current_material(env: &TestEnv, key: &str) -> String {
    str_field(&env.describe(key), "CurrentKeyMaterialId")
}

fn rotation_status(env: &TestEnv, key: &str) -> Value {
    env.json(["get-key-rotation-status", "--key-id", key])
}

fn next_rotation(env: &TestEnv, key: &str) -> OffsetDateTime {
    let v = rotation_status(env, key);
    parse_time(&str_field(&v, "NextRotationDate"))
}

/// `faketime <offset> lkms maintain`; returns the RotatedKeys as UUIDs.
#[track_caller]
fn maintain_at(env: &TestEnv, offset: &str) -> Vec<String> {
    let v = env.faketime(offset, ["maintain"]).success().json();
    v["RotatedKeys"]
        .as_array()
        .unwrap_or_else(|| panic!("no RotatedKeys array: {v}"))
        .iter()
        .map(|k| {
            let s = k.as_str().unwrap_or_else(|| panic!("not a string: {k}"));
            // Accept a UUID or an ARN.
            s.rsplit('/').next().unwrap().to_owned()
        })
        .collect()
}

/// `a` and `b` within a day of each other.
#[track_caller]
fn assert_about(a: OffsetDateTime, b: OffsetDateTime, what: &str) {
    assert!(
        (a - b).abs() <= Duration::days(1),
        "{what}: {a} is not within a day of {b}"
    );
}

/// A ValidationException, as a client-side (252) or model (254) error.
#[track_caller]
fn assert_validation(out: Out) {
    assert!(
        out.code == EXIT_KMS || out.code == EXIT_INVALID_VALUE,
        "expected a ValidationException exit: {out:?}"
    );
    out.assert_exception("ValidationException");
}

// ---------------------------------------------------------------------------
// On demand
// ---------------------------------------------------------------------------

#[test]
fn ciphertexts_survive_three_on_demand_rotations_and_new_ones_name_the_newest_material() {
    let env = env_with_keyring();
    let key = env.create_key();
    let m0 = current_material(&env, &key);
    assert_eq!(m0.len(), 64, "KeyMaterialId is 32 bytes in hex: {m0}");
    assert!(
        rotations(&env, &key).is_empty(),
        "no rotations listed for a new key"
    );

    let mut blobs = Vec::new();
    let mut materials = vec![m0];
    for i in 0..=3u8 {
        if i > 0 {
            let v = env.json(["rotate-key-on-demand", "--key-id", &key]);
            assert!(str_field(&v, "KeyId").ends_with(&key), "{v}");
            let m = current_material(&env, &key);
            assert!(
                !materials.contains(&m),
                "rotation {i} made new material: {m}"
            );
            materials.push(m);
        }
        let pt = vec![i; 20];
        let blob = b64_field(&encrypt(&env, &key, &pt, Some("v=1")), "CiphertextBlob");
        assert_eq!(
            hex(&blob[MATERIAL_ID_RANGE]),
            materials[i as usize],
            "a new ciphertext names the current material (after {i} rotations)"
        );
        blobs.push((blob, pt));
    }

    // Everything ever encrypted still decrypts.
    for (i, (blob, pt)) in blobs.iter().enumerate() {
        assert_eq!(decrypt_ok(&env, blob, Some("v=1")).0, *pt, "blob {i}");
    }

    let rots = rotations(&env, &key);
    assert_eq!(rots.len(), 3, "three rotations listed: {rots:?}");
    for (i, r) in rots.iter().enumerate() {
        assert_eq!(r["RotationType"], "ON_DEMAND", "{r}");
        assert_eq!(
            r["KeyMaterialId"],
            materials[i + 1].as_str(),
            "oldest first: {r}"
        );
        let state = if i == 2 { "CURRENT" } else { "NON_CURRENT" };
        assert_eq!(r["KeyMaterialState"], state, "{r}");
        parse_time(&str_field(r, "RotationDate"));
        assert!(str_field(r, "KeyId").ends_with(&key), "{r}");
    }
}

#[test]
fn the_26th_on_demand_rotation_is_refused() {
    let env = env_with_keyring();
    let key = env.create_key();
    let blob = b64_field(&encrypt(&env, &key, b"old", None), "CiphertextBlob");
    for i in 1..=25 {
        let out = env.run(["rotate-key-on-demand", "--key-id", &key]);
        assert_eq!(out.code, 0, "on-demand rotation {i}: {out:?}");
    }
    let before = current_material(&env, &key);
    env.run(["rotate-key-on-demand", "--key-id", &key])
        .failure(EXIT_KMS, "LimitExceededException");
    assert_eq!(
        current_material(&env, &key),
        before,
        "refused rotation changed nothing"
    );

    // All 25 are listed, pages and all.
    let page = env.json(["list-key-rotations", "--key-id", &key, "--limit", "10"]);
    assert_eq!(page["Rotations"].as_array().unwrap().len(), 10, "{page}");
    assert_eq!(page["Truncated"], true, "{page}");
    let rots = rotations(&env, &key);
    assert_eq!(rots.len(), 25);
    assert!(rots.iter().all(|r| r["RotationType"] == "ON_DEMAND"));
    assert_eq!(
        rots.iter()
            .filter(|r| r["KeyMaterialState"] == "CURRENT")
            .count(),
        1
    );
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"old");
}

#[test]
fn on_demand_rotation_does_not_move_next_rotation_date() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok(["enable-key-rotation", "--key-id", &key]);
    let before = rotation_status(&env, &key);
    assert_eq!(before["KeyRotationEnabled"], true, "{before}");
    assert_eq!(
        before["RotationPeriodInDays"], 365,
        "default period: {before}"
    );
    let next = str_field(&before, "NextRotationDate");
    assert_about(
        parse_time(&next),
        OffsetDateTime::now_utc() + Duration::days(365),
        "first rotation one period after enabling",
    );

    env.ok(["rotate-key-on-demand", "--key-id", &key]);
    env.ok(["rotate-key-on-demand", "--key-id", &key]);
    let after = rotation_status(&env, &key);
    assert_eq!(after["NextRotationDate"], next.as_str(), "{after}");
    assert_eq!(after["KeyRotationEnabled"], true, "{after}");
    assert_eq!(rotation_types(&env, &key), ["ON_DEMAND", "ON_DEMAND"]);
}

#[test]
fn on_demand_rotation_works_without_automatic_rotation() {
    let env = env_with_keyring();
    let key = env.create_key();
    let m0 = current_material(&env, &key);
    env.ok(["rotate-key-on-demand", "--key-id", &key]);
    assert_ne!(current_material(&env, &key), m0);
    let st = rotation_status(&env, &key);
    assert_eq!(st["KeyRotationEnabled"], false, "{st}");
}

// ---------------------------------------------------------------------------
// Automatic rotation under faketime
// ---------------------------------------------------------------------------

#[test]
fn maintain_rotates_yearly_after_enable_key_rotation() {
    let env = env_with_keyring();
    let key = env.create_key();
    let idle = env.create_key();
    let blob = b64_field(&encrypt(&env, &key, b"year zero", None), "CiphertextBlob");
    let m0 = current_material(&env, &key);
    env.ok(["enable-key-rotation", "--key-id", &key]);

    assert!(
        maintain_at(&env, "+364d").is_empty(),
        "nothing due before a year"
    );
    assert!(rotations(&env, &key).is_empty());

    let rotated = maintain_at(&env, "+366d");
    assert_eq!(rotated, [key.as_str()], "one key rotated at +366d");
    assert_eq!(rotation_types(&env, &key), ["AUTOMATIC"]);
    let m1 = current_material(&env, &key);
    assert_ne!(m1, m0);
    assert!(
        rotations(&env, &idle).is_empty(),
        "a key without rotation stays"
    );
    assert_about(
        next_rotation(&env, &key),
        OffsetDateTime::now_utc() + Duration::days(366 + 365),
        "next rotation a period after the rotation",
    );

    // Running maintain again the same day does nothing more.
    assert!(maintain_at(&env, "+366d").is_empty());
    assert_eq!(rotations(&env, &key).len(), 1);

    let rotated = maintain_at(&env, "+731d");
    assert_eq!(rotated, [key.as_str()], "second rotation at +731d");
    assert_eq!(rotation_types(&env, &key), ["AUTOMATIC", "AUTOMATIC"]);
    let rots = rotations(&env, &key);
    assert_eq!(rots[0]["KeyMaterialId"], m1.as_str());
    assert_eq!(rots[0]["KeyMaterialState"], "NON_CURRENT");
    assert_eq!(rots[1]["KeyMaterialState"], "CURRENT");
    assert_about(
        parse_time(&str_field(&rots[1], "RotationDate")),
        OffsetDateTime::now_utc() + Duration::days(731),
        "RotationDate is the (fake) time of rotation",
    );
    assert_ne!(current_material(&env, &key), m1);

    // The year-zero ciphertext still decrypts, at any time.
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"year zero");
    let file = env.path("y0.bin");
    std::fs::write(&file, &blob).unwrap();
    let v = env
        .faketime(
            "+800d",
            [
                "decrypt",
                "--ciphertext-blob",
                &format!("fileb://{}", file.display()),
            ],
        )
        .success()
        .json();
    assert_eq!(b64_field(&v, "Plaintext"), b"year zero");
}

#[test]
fn a_90_day_period_rotates_at_91_and_181_days() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &key,
        "--rotation-period-in-days",
        "90",
    ]);
    let st = rotation_status(&env, &key);
    assert_eq!(st["RotationPeriodInDays"], 90, "{st}");
    assert_about(
        next_rotation(&env, &key),
        OffsetDateTime::now_utc() + Duration::days(90),
        "first rotation one period after enabling",
    );

    assert!(maintain_at(&env, "+89d").is_empty());
    assert_eq!(maintain_at(&env, "+91d"), [key.as_str()]);
    assert_eq!(maintain_at(&env, "+181d"), [key.as_str()]);
    assert_eq!(rotation_types(&env, &key), ["AUTOMATIC", "AUTOMATIC"]);
}

#[test]
fn a_keyring_untouched_for_several_periods_rotates_once() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &key,
        "--rotation-period-in-days",
        "90",
    ]);
    let rotated = maintain_at(&env, "+400d");
    assert_eq!(rotated, [key.as_str()]);
    assert_eq!(
        rotation_types(&env, &key),
        ["AUTOMATIC"],
        "one rotation, not four"
    );
    assert_about(
        next_rotation(&env, &key),
        OffsetDateTime::now_utc() + Duration::days(400 + 90),
        "NextRotationDate is a full period past the late rotation",
    );
    // And nothing more is due until then.
    assert!(maintain_at(&env, "+488d").is_empty());
    assert_eq!(maintain_at(&env, "+491d"), [key.as_str()]);
}

#[test]
fn any_write_applies_due_rotations() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &key,
        "--rotation-period-in-days",
        "90",
    ]);
    env.faketime("+91d", ["create-key"]).success();
    assert_eq!(
        rotation_types(&env, &key),
        ["AUTOMATIC"],
        "rotated by a writer"
    );
    assert!(maintain_at(&env, "+91d").is_empty(), "already applied");
}

#[test]
fn disabling_rotation_stops_it_and_re_enabling_restarts_the_schedule() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &key,
        "--rotation-period-in-days",
        "90",
    ]);
    env.ok(["disable-key-rotation", "--key-id", &key]);
    let st = rotation_status(&env, &key);
    assert_eq!(st["KeyRotationEnabled"], false, "{st}");
    assert!(maintain_at(&env, "+200d").is_empty());
    assert!(rotations(&env, &key).is_empty());

    // Enabled again at +200d: next one a period later, not at once.
    env.faketime(
        "+200d",
        [
            "enable-key-rotation",
            "--key-id",
            &key,
            "--rotation-period-in-days",
            "90",
        ],
    )
    .success();
    assert_about(
        next_rotation(&env, &key),
        OffsetDateTime::now_utc() + Duration::days(290),
        "schedule restarts when enabled",
    );
    assert!(maintain_at(&env, "+201d").is_empty());
    assert_eq!(maintain_at(&env, "+291d"), [key.as_str()]);
}

#[test]
fn a_disabled_key_is_not_rotated_by_maintain() {
    let env = env_with_keyring();
    let key = env.create_key();
    let other = env.create_key();
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &key,
        "--rotation-period-in-days",
        "90",
    ]);
    env.ok([
        "enable-key-rotation",
        "--key-id",
        &other,
        "--rotation-period-in-days",
        "90",
    ]);
    env.ok(["disable-key", "--key-id", &key]);
    let rotated = maintain_at(&env, "+91d");
    assert_eq!(rotated, [other.as_str()], "only the enabled key rotates");
    assert!(
        rotations(&env, &key).is_empty(),
        "disabled key kept its material"
    );

    // Enabled again, its due rotation happens.
    env.faketime("+92d", ["enable-key", "--key-id", &key])
        .success();
    maintain_at(&env, "+92d");
    assert_eq!(rotation_types(&env, &key), ["AUTOMATIC"]);
}

#[test]
fn rotation_period_bounds() {
    let env = env_with_keyring();
    let key = env.create_key();
    for bad in ["89", "2561", "0", "-1"] {
        let out = env.run([
            "enable-key-rotation",
            "--key-id",
            &key,
            &format!("--rotation-period-in-days={bad}"),
        ]);
        if bad == "-1" {
            // May not even parse as a number.
            assert_ne!(out.code, 0, "{out:?}");
            continue;
        }
        assert_validation(out);
    }
    assert_eq!(rotation_status(&env, &key)["KeyRotationEnabled"], false);
    for good in [90, 2560] {
        env.ok([
            "enable-key-rotation",
            "--key-id",
            &key,
            "--rotation-period-in-days",
            &good.to_string(),
        ]);
        assert_eq!(rotation_status(&env, &key)["RotationPeriodInDays"], good);
    }
}

#[test]
fn asymmetric_and_hmac_keys_do_not_rotate() {
    let env = env_with_keyring();
    for (spec, usage) in [
        ("ECC_NIST_P256", "SIGN_VERIFY"),
        ("RSA_2048", "ENCRYPT_DECRYPT"),
        ("HMAC_256", "GENERATE_VERIFY_MAC"),
    ] {
        let md = env.create_key_with(["--key-spec", spec, "--key-usage", usage]);
        let key = str_field(&md, "KeyId");
        env.run(["enable-key-rotation", "--key-id", &key])
            .failure(EXIT_KMS, "UnsupportedOperationException");
        env.run(["rotate-key-on-demand", "--key-id", &key])
            .failure(EXIT_KMS, "UnsupportedOperationException");
    }
    // Once the keyring has written 4000 days ahead, it writes no earlier.
    assert!(
        maintain_at(&env, "+4000d").is_empty(),
        "an asymmetric or HMAC key rotated by maintain"
    );
}

// ---------------------------------------------------------------------------
// The managed default key
// ---------------------------------------------------------------------------

#[test]
fn the_managed_key_rotates_every_1095_days_and_its_rotation_is_fixed() {
    let env = env_with_keyring();
    let blob = b64_field(
        &encrypt(&env, "alias/lkms/default", b"managed", None),
        "CiphertextBlob",
    );
    let md = env.describe("alias/lkms/default");
    assert_eq!(md["KeyManager"], "AWS", "{md}");
    let key = str_field(&md, "KeyId");
    let st = rotation_status(&env, &key);
    assert_eq!(st["KeyRotationEnabled"], true, "{st}");
    assert_eq!(st["RotationPeriodInDays"], 1095, "{st}");
    let next = str_field(&st, "NextRotationDate");
    assert_about(
        parse_time(&next),
        OffsetDateTime::now_utc() + Duration::days(1095),
        "managed key's first rotation",
    );

    // Its rotation can be neither disabled nor changed.
    for a in [
        vec!["disable-key-rotation", "--key-id", key.as_str()],
        vec!["disable-key-rotation", "--key-id", "alias/lkms/default"],
        vec![
            "enable-key-rotation",
            "--key-id",
            key.as_str(),
            "--rotation-period-in-days",
            "180",
        ],
    ] {
        env.run(&a)
            .failure(EXIT_KMS, "UnsupportedOperationException");
    }
    let st = rotation_status(&env, &key);
    assert_eq!(st["KeyRotationEnabled"], true, "{st}");
    assert_eq!(st["RotationPeriodInDays"], 1095, "{st}");
    assert_eq!(st["NextRotationDate"], next.as_str(), "{st}");

    assert!(maintain_at(&env, "+1094d").is_empty());
    assert_eq!(maintain_at(&env, "+1096d"), [key.as_str()]);
    assert_eq!(rotation_types(&env, &key), ["AUTOMATIC"]);
    assert!(maintain_at(&env, "+1097d").is_empty());

    // Still the default key, and the old ciphertext decrypts.
    assert_eq!(str_field(&env.describe("alias/lkms/default"), "KeyId"), key);
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"managed");
    let again = b64_field(
        &encrypt(&env, "alias/lkms/default", b"later", None),
        "CiphertextBlob",
    );
    assert_eq!(
        hex(&again[MATERIAL_ID_RANGE]),
        current_material(&env, &key),
        "new ciphertexts use the rotated material"
    );
}
