//! The masker with the real dictionary: names found by IPADIC's 人名 together with context,
//! and ordinary business sentences left alone.

mod common;

use shien_navi::domain::masking::mask;

fn m(text: &str) -> String {
    mask(text, common::analyzer()).into_string()
}

#[test]
fn japanese_names_in_introductions_honorifics_roles_and_signatures() {
    for (text, expected) in [
        ("山田太郎と申します", "[氏名]と申します"),
        ("はじめまして、佐藤です。", "はじめまして、[氏名]です。"),
        ("港区で飲食店を営む鈴木です", "港区で飲食店を営む[氏名]です"),
        (
            "担当の田中さんに相談しました",
            "担当の[氏名]さんに相談しました",
        ),
        (
            "高橋様へ折り返しをお願いします",
            "[氏名]様へ折り返しをお願いします",
        ),
        ("代表の伊藤です", "代表の[氏名]です"),
        ("代表取締役 渡辺 健一", "代表取締役 [氏名]"),
        ("担当者：中村", "担当者:[氏名]"),
        (
            "税理士の小林先生に聞きました",
            "税理士の[氏名]先生に聞きました",
        ),
        ("私の名前は山本花子です", "私の名前は[氏名]です"),
        ("よろしくお願いします。加藤", "よろしくお願いします。[氏名]"),
        ("創業の相談です。\n吉田", "創業の相談です。\n[氏名]"),
    ] {
        assert_eq!(m(text), expected, "{text}");
    }
}

#[test]
fn katakana_and_romanised_names_in_context() {
    for (text, expected) in [
        ("私はマリア・ガルシアです", "私は[氏名]です"),
        (
            "スミスさんと共同で起業します",
            "[氏名]さんと共同で起業します",
        ),
        ("口座名義 ヤマダ タロウ", "口座名義 [氏名]"),
        ("Yamada Taroと申します", "[氏名]と申します"),
        ("Tanaka-san recommended this", "[氏名]-san recommended this"),
        (
            "Hello, my name is Kenji Watanabe.",
            "Hello, my name is [氏名].",
        ),
        ("Best regards,\nAnna Schmidt", "Best regards,\n[氏名]"),
    ] {
        assert_eq!(m(text), expected, "{text}");
    }
}

#[test]
fn business_sentences_with_honorifics_and_roles_stay() {
    for text in [
        "お客様が減って売上が下がりました",
        "大家さんから立ち退きを求められています",
        "私は個人事業主です",
        "私はカフェオーナーです",
        "代表者の要件を教えてください",
        "会社の名前はまだ決まっていません",
        "赤坂のあたりで開業したい",
        "港区立産業振興センターの相談窓口はどこですか",
        "中小企業診断士の先生に相談したい",
        "創業支援補助金の上限は300万円です",
        "従業員は5人です",
        "指定様式で申請します",
        "税理士さんに相談したほうがいいですか",
        "皆様のご意見を参考にします",
        "ものづくり補助金の第18回締切はいつですか",
        "I'm planning to open a cafe in Azabu",
        "This is about the startup subsidy",
    ] {
        assert_eq!(m(text), text, "{text}");
    }
}

#[test]
fn surnames_the_dictionary_files_as_common_words_or_places_in_a_persons_context() {
    for (text, expected) in [
        ("当社の小島が伺います", "当社の[氏名]が伺います"),
        ("窓口で話を聞いた服部です。", "窓口で話を聞いた[氏名]です。"),
        ("私の名前は金城です", "私の名前は[氏名]です"),
        ("白金の小松です。", "白金の[氏名]です。"),
        ("総務の三田が届けます", "総務の[氏名]が届けます"),
    ] {
        assert_eq!(m(text), expected, "{text}");
    }
}

#[test]
fn descriptions_towns_and_titles_beside_the_new_contexts_stay() {
    for text in [
        "妻(専業主婦)も手伝っています",
        "私(個人事業主)でも申請できますか",
        "白金の店舗で開業したいです",
        "当社の製品が対象か知りたいです",
        "六本木の会社です",
        "担当の弁護士(コンシェルジュ)が話を聞きます",
        "弁護士・税理士などの専門家に頼む費用",
        "以上、事務局より",
        "会社宛に送ってください",
    ] {
        assert_eq!(m(text), text, "{text}");
    }
}

#[test]
fn words_that_describe_or_point_at_someone_and_business_names_stay() {
    for text in [
        "先ほど留守電を入れた者です。",
        "取引先(株式会社ベイサイド物流)の件です。先方は協力してくれるとのことです。",
        "電話受付\n名前:名乗らず\n用件:セミナー申込のキャンセル",
        "お名前:(未入力)\n事業所名:中華料理店",
        "面談に同行者1名。同行者:通訳(スペイン語)",
        "Hi, it's Lucky Star Kitchen. Can I pay the seminar fee in cash?",
        "Thank you for the help with our website! - Bluebird Bakery",
        "Cheers, Westwind Surf Co.",
        "Thank you for your reply. I'll come to the desk on Friday.\n\nAtelier Moreau",
    ] {
        assert!(!m(text).contains("[氏名]"), "{text} -> {}", m(text));
    }
    // A person beside a business of the same name is still masked where they stand as a person.
    assert_eq!(
        m("I'm Paul Moreau, owner of Atelier Moreau."),
        "I'm [氏名], owner of Atelier [氏名]."
    );
}

#[test]
fn latin_words_that_greet_label_or_place_someone_are_not_names() {
    for text in [
        "Dear Officer,\nPlease find attached our statements.",
        "Memo from front desk: a visitor will come again on Monday.",
        "Please send it to our office. Attention: General Affairs.",
        "Hello, I'm Brazilian and run a cafe near the station. Am I eligible?",
        "Lotus Tea House, Roppongi 6-chome\nQ: is a guarantor needed?",
        "申請者: Blue Harbor Design 合同会社\n内容: 交付申請の取り下げ",
    ] {
        assert!(!m(text).contains("[氏名]"), "{text} -> {}", m(text));
    }
    // A name after a greeting is still one.
    assert!(m("Dear Ms. Okafor,\nthank you.").contains("[氏名]"));
}

#[test]
fn a_public_bodys_line_stays_and_a_callers_own_is_masked() {
    for text in [
        "東京都よろず支援拠点(03-1234-5678)に電話したら、こちらを案内されました。",
        "芝税務署の番号(03-1234-5678)は平日だけですか。",
        "チラシに載っていた東京労働局の雇用環境・均等部の03-1234-5678にかけました。",
    ] {
        assert_eq!(
            m(text),
            shien_navi::domain::masking::prepared(text),
            "{text}"
        );
    }
    assert_eq!(
        m("税務署から電話がありました。私の携帯は090-1234-5678です。"),
        "税務署から電話がありました。私の携帯は[電話番号]です。"
    );
}

#[test]
fn the_same_name_in_another_script_beside_a_name_found() {
    // A reading in hiragana, and names in Thai, Devanagari and accented Latin after a name.
    for (text, left) in [
        ("相談者 若林様(わかばやし)から電話", "わかばやし"),
        ("My name is Somsak (สมศักดิ์ ใจดี).", "สมศักดิ์"),
        ("My name is Hari Gurung (हरि गुरुङ).", "हरि"),
        ("発信者 田中様(José Núñez)、スペイン料理店", "Núñez"),
        // The name before a bracketed name found.
        ("I, Wang Li-Hua (王麗華), run a tea stand.", "Wang"),
    ] {
        let masked = m(text);
        assert!(!masked.contains(left), "{text} -> {masked}");
    }
    // A bracket after a name that holds no name stays.
    assert_eq!(m("山田様(女性)から電話"), "[氏名]様(女性)から電話");
}

#[test]
fn a_full_name_beside_its_persons_role_in_english() {
    for (text, left) in [
        (
            "A Kenyan client, Otieno Wafula, wants to open a shop.",
            "Wafula",
        ),
        ("Regards,\nAssistant, Mina Cho", "Mina"),
        (
            "We hired two new staff, Arif Hossain and Lina Park.",
            "Lina",
        ),
    ] {
        let masked = m(text);
        assert!(!masked.contains(left), "{text} -> {masked}");
    }
    // A role before words that are not a name leaves them.
    assert_eq!(
        m("For each customer, Happy New Year sales are up."),
        "For each customer, Happy New Year sales are up."
    );
}

#[test]
fn a_role_field_that_holds_what_the_person_is_keeps_its_words() {
    let kept = m("【対応記録】相談者：寿司店の店主と長男の2名。内容：店舗改装。");
    assert!(kept.contains("寿司店の店主"), "{kept}");
    let masked = m("【対応記録】相談者：山田 太郎。内容：店舗改装。");
    assert!(!masked.contains("山田"), "{masked}");
}

#[test]
fn a_name_a_park_or_a_sweet_is_named_after_is_kept() {
    for text in [
        "高橋是清翁記念公園の近くでカフェを開業予定です。",
        "赤穂浪士の大石内蔵助にちなんだ銘菓を開発中です。",
    ] {
        assert_eq!(m(text), text);
    }
    assert!(!m("担当の高橋です。").contains("高橋"));
}
