//! What a chat message asks, read from callers' words after the chat's normalisation (kept
//! here because the domain never depends on `text/`).

use shien_navi::domain::asked::*;
use shien_navi::text::normalize;

fn read(text: &str) -> Vec<Asked> {
    asked(&normalize(text))
}

#[test]
fn the_ceiling_and_the_rate_are_two_facts_in_the_order_asked() {
    assert_eq!(
        read("港区の創業補助金の補助率と上限を教えて"),
        vec![Asked::Rate, Asked::Amount]
    );
    assert_eq!(read("最大いくらもらえますか？"), vec![Asked::Amount]);
    assert_eq!(
        read("経費の何分の何を補助してくれますか"),
        vec![Asked::Rate]
    );
}

#[test]
fn how_much_interest_asks_the_rate_not_an_amount() {
    assert_eq!(read("金利はどのくらいですか"), vec![Asked::Rate]);
    assert_eq!(
        read("What is the interest rate of the startup loan?"),
        vec![Asked::Rate]
    );
}

#[test]
fn who_may_use_it_is_eligibility_and_before_founding_is_years() {
    assert_eq!(
        read("持続化補助金は個人事業主でも申し込めますか？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(read("法人のみが対象ですか"), vec![Asked::Eligibility]);
    assert_eq!(read("開業前でも申し込めますか"), vec![Asked::Years]);
    assert_eq!(read("創業して何年までですか"), vec![Asked::Years]);
    assert_eq!(read("何歳まで若者として扱われますか"), vec![Asked::Years]);
}

#[test]
fn deadlines_rounds_and_schedules_are_told_apart() {
    assert_eq!(read("それはいつまで？"), vec![Asked::Deadline]);
    assert_eq!(read("次の回の募集は？"), vec![Asked::Deadline]);
    assert_eq!(
        read("インボイス相談は何曜日にやっていますか"),
        vec![Asked::Contact]
    );
    assert_eq!(read("by when must I submit it?"), vec![Asked::Deadline]);
}

#[test]
fn how_to_apply_documents_contact_and_combination_are_read() {
    assert_eq!(read("申請方法を教えて"), vec![Asked::HowToApply]);
    assert_eq!(read("必要な書類は？"), vec![Asked::Documents]);
    assert_eq!(read("問い合わせの電話番号は？"), vec![Asked::Contact]);
    assert_eq!(
        read("IT導入補助金と区の補助は併用できる？"),
        vec![Asked::Combination]
    );
    assert_eq!(
        read("How do I apply, and what documents do I need?"),
        vec![Asked::HowToApply, Asked::Documents]
    );
}

#[test]
fn the_words_that_ask_are_left_out_of_the_scheme_name() {
    assert_eq!(
        without_asking_words(&normalize("区の創業補助金の補助率と上限を教えてください")),
        "区の創業補助金の と を教えてください"
    );
    assert_eq!(
        without_asking_words("what is the interest rate of the corporate loan?"),
        "what is the of the corporate loan?"
    );
}

#[test]
fn a_request_or_a_story_asks_nothing() {
    assert!(read("飲食店を開きたい").is_empty());
    assert!(read("補助金の一覧が見たいです").is_empty());
}

#[test]
fn every_attribute_has_a_code_and_a_label_in_every_language() {
    use shien_navi::app::chat::facts::label;
    use shien_navi::app::messages::Messages;
    use shien_navi::domain::Lang;
    for a in Asked::ALL {
        assert!(a.code().is_ascii());
        assert!(!label(Messages::new(Lang::Ja), a).is_ascii());
        assert!(!label(Messages::new(Lang::Easy), a).is_ascii());
        assert!(label(Messages::new(Lang::En), a).is_ascii());
    }
}

#[test]
fn whether_a_case_is_covered_asks_who_may_apply() {
    assert_eq!(
        read("そうぎょうほじょきん、バーチャルオフィスで登記してても申請できます？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("Can I receive the air conditioner grant if the same unit already got another grant?"),
        vec![Asked::Eligibility, Asked::Combination]
    );
    // A search for what exists, or "can I" without a case, is not a question on the rule.
    assert_eq!(read("飲食店で使える補助金はありますか"), vec![]);
    assert_eq!(read("開発の最初にお金を前もってもらえる？"), vec![]);
    assert_eq!(read("Can I get help with my cafe?"), vec![]);
}

#[test]
fn submitting_an_application_asks_how_to_apply() {
    assert_eq!(
        read("How can I submit an application for the zero-emission grant?"),
        vec![Asked::HowToApply]
    );
}

#[test]
fn a_cap_asks_the_amount_but_capital_does_not() {
    assert_eq!(
        read("What is the cap for a design right under the ward's subsidy?"),
        vec![Asked::Amount]
    );
    assert_eq!(read("And the cap?"), vec![Asked::Amount]);
    assert!(!read("Do you need capital of ten million yen?").contains(&Asked::Amount));
}

#[test]
fn a_named_form_asks_for_the_documents() {
    assert_eq!(
        read("経営力向上計画の申請書は、どの様式を使えばいい？"),
        vec![Asked::Documents]
    );
    assert_eq!(
        read("あっせんの申込書は窓口でもらえますか"),
        vec![Asked::Documents, Asked::Contact]
    );
    // The plan itself is not a form to fill in.
    assert!(read("事業計画の立て方を相談したい").is_empty());
}

#[test]
fn easy_japanese_written_in_kana_asks_as_the_kanji_would() {
    assert_eq!(
        read("この ほじょきんの しょるいは なにが いりますか"),
        vec![Asked::Documents]
    );
    assert_eq!(
        read("くで なんねん しごとを していれば いいですか"),
        vec![Asked::Years]
    );
    assert_eq!(read("しめきりは いつですか"), vec![Asked::Deadline]);
    assert_eq!(
        read("そうだんの まどぐちの でんわは？"),
        vec![Asked::Contact]
    );
    // Kana that only sound alike ask nothing.
    assert!(read("しょうてんがいで おみせを ひらきたい").is_empty());
}

#[test]
fn which_employers_and_the_application_window_are_asked_in_english() {
    assert_eq!(
        read("Which employers can get the ward's childcare leave incentive?"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("What was the application window of the design subsidy last year?"),
        vec![Asked::Deadline]
    );
    // A window the grant pays for is not a window to apply in.
    assert!(read("Does the grant cover double glazed windows?").is_empty());
}

#[test]
fn what_to_do_to_get_it_asks_how_to_apply() {
    assert_eq!(
        read("ロゴマークを使うために何をすればいい？"),
        vec![Asked::HowToApply]
    );
    // What to prepare is the documents, not the way to apply.
    assert_eq!(read("申請には何を準備すればいい？"), vec![Asked::Documents]);
}

#[test]
fn easy_japanese_asks_with_spaces_between_its_words() {
    assert_eq!(
        read("この せいどは いくら もらえますか"),
        vec![Asked::Amount]
    );
    assert_eq!(
        read("もうしこみは いつ まで だせますか"),
        vec![Asked::Deadline]
    );
    assert_eq!(read("だれが つかえますか"), vec![Asked::Eligibility]);
    assert!(read("どこに でんわ しますか").contains(&Asked::Contact));
    assert_eq!(
        read("ほかの せいど と いっしょに つかえますか"),
        vec![Asked::Combination]
    );
}

#[test]
fn plain_words_for_need_and_cost_ask_the_documents_and_the_fee() {
    // いる (要る) is how やさしい日本語 says 必要.
    assert_eq!(
        read("もうしこむ とき なにが いりますか"),
        vec![Asked::Documents]
    );
    assert_eq!(read("そうだんは おかねが かかりますか"), vec![Asked::Fee]);
    // How long it takes is answered with how to apply, from the sentence that gives the span.
    assert_eq!(
        read("認定まで何日ぐらいかかりますか"),
        vec![Asked::HowToApply]
    );
}

#[test]
fn a_business_asking_as_we_asks_as_the_cue_words_do() {
    assert_eq!(
        read("How do we apply for Tokyo's new product development grant?"),
        vec![Asked::HowToApply]
    );
    assert_eq!(
        read("Where can our shop submit the papers, and before we open is it too early?"),
        read("Where can my shop submit the papers, and before i open is it too early?")
    );
}

#[test]
fn what_a_desk_or_a_seminar_costs_is_the_fee_not_a_search_for_free_desks() {
    assert_eq!(read("創業セミナーって参加費かかる？"), vec![Asked::Fee]);
    assert_eq!(read("INPITの知財相談、相談料は？"), vec![Asked::Fee]);
    assert_eq!(
        read("How much does it cost to see the IP advisor?"),
        vec![Asked::Fee]
    );
    assert_eq!(
        read("Is there a fee for the business advice?"),
        vec![Asked::Fee]
    );
    assert_eq!(read("せみなー は むりょう ですか"), vec![Asked::Fee]);
    // Looking for a free desk asks no fact.
    assert!(!read("無料で相談できる窓口はありますか").contains(&Asked::Fee));
    assert!(!read("free consultation desks in Minato").contains(&Asked::Fee));
}

#[test]
fn sending_by_post_and_where_to_send_ask_how_to_apply_and_the_address() {
    assert_eq!(
        read("セーフティネット保証の認定、郵送でも申請できますか？届くまでどのくらいかかる？"),
        vec![Asked::HowToApply]
    );
    assert_eq!(
        read("郵送で出したいんですが、送り先はどこ？あと上限いくらでしたっけ"),
        vec![Asked::HowToApply, Asked::Contact, Asked::Amount]
    );
    assert_eq!(
        read("Where do I send the application form?"),
        vec![Asked::HowToApply, Asked::Contact]
    );
}

#[test]
fn paying_the_same_costs_twice_asks_about_combining() {
    assert_eq!(
        read(
            "じぞくかほじょきん で はらった おなじ おかね で みなとく の ほじょきん も もらえますか"
        ),
        vec![Asked::Combination]
    );
    assert_eq!(
        read("Can I get another subsidy for the same expense?"),
        vec![Asked::Combination]
    );
}

#[test]
fn how_many_visits_asks_the_count() {
    assert_eq!(
        read("アドバイザーの派遣は何回まで受けられますか"),
        vec![Asked::Count]
    );
    assert_eq!(
        read("How many expert visits per year can I get?"),
        vec![Asked::Count]
    );
}

#[test]
fn thresholds_of_size_ask_who_may_apply_not_an_amount() {
    assert_eq!(
        read("融資あっせんの中小企業者って、資本金いくら以下、従業員何人以下のこと？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("For the ward's interest subsidy, what's the maximum number of employees for a shop?"),
        vec![Asked::Eligibility]
    );
    // The name of a subsidy that holds "interest" asks no rate; "maximum" alone still asks
    // the ceiling.
    assert_eq!(
        read("What is the maximum amount of the interest subsidy?"),
        vec![Asked::Amount]
    );
    assert_eq!(
        read("働き方改革の融資って、どんな取り組みをしてる会社が使える？限度額は？"),
        vec![Asked::Eligibility, Asked::Amount]
    );
}

#[test]
fn who_may_use_it_beside_how_much_asks_both() {
    // Which industries are covered is who may use it; it leaves "how much" an amount.
    assert_eq!(
        read("Which industries are covered by the energy-saving subsidy, and how much can I get?"),
        vec![Asked::Eligibility, Asked::Amount]
    );
    // A size threshold in a sentence of its own leaves the other sentence's "いくら" an amount.
    assert_eq!(
        read("補助はいくらまで？従業員は何人までなら使える？"),
        vec![Asked::Amount, Asked::Eligibility]
    );
}

#[test]
fn english_ways_of_asking_who_it_is_for_whom_to_call_and_the_most() {
    assert_eq!(
        read("Does the startup seminar cost anything, and who is it for?"),
        vec![Asked::Fee, Asked::Eligibility]
    );
    assert_eq!(
        read("What's the number for the labour consultation line?"),
        vec![Asked::Contact]
    );
    // "Who can I call" asks whom to call, not who may apply.
    assert_eq!(
        read("Who can I call with questions about the tax rule?"),
        vec![Asked::Contact]
    );
    assert_eq!(
        read("What's the max incentive and is there an employee limit?"),
        vec![Asked::Amount, Asked::Eligibility]
    );
    // "when" joining two clauses asks no deadline; as a question it does.
    assert!(!read("What do I need to show when buying the stamps?").contains(&Asked::Deadline));
    assert!(read("When can I apply for the startup grant?").contains(&Asked::Deadline));
    // "rate" is not asked inside "operated".
    assert!(!read("How long do we need to have operated in the ward?").contains(&Asked::Rate));
    // An air conditioner is no condition.
    assert!(!read("Is the air conditioner grant open now?").contains(&Asked::Eligibility));
}

#[test]
fn a_case_put_with_also_or_still_asks_whether_it_is_covered() {
    assert_eq!(
        read("ISO27001の更新審査にも使えますか？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("I'm self-employed. Can I still use the digital tool grant?"),
        vec![Asked::Eligibility]
    );
    // "…ないとダメ?" asks what is required, which is who may use it.
    assert!(
        read("マル経っていくらまで？商工会議所の指導はどのくらい受けてないとダメ？")
            .contains(&Asked::Eligibility)
    );
    // 最低賃金 names a wage, not the lowest amount.
    assert_eq!(
        read("最低賃金を上げる取組でも使える？"),
        vec![Asked::Eligibility]
    );
}

#[test]
fn whether_someone_comes_to_the_business_is_asked_as_a_visit() {
    assert!(Point::Visit.asked_in(&normalize(
        "ちざい の そうだん、 かいしゃ に きて くれますか？"
    )));
    assert!(Point::Visit.asked_in(&normalize("Can someone from the desk visit our office?")));
    assert!(!Point::Visit.asked_in(&normalize("窓口は何時まで開いていますか")));
}

#[test]
fn how_much_at_least_asks_the_lowest_cost() {
    assert!(
        Point::LowestCost.asked_in(&normalize("せつび は いくら いじょう なら つかえますか？"))
    );
    assert!(Point::LowestCost.asked_in(&normalize("What is the minimum cost of equipment?")));
    assert!(!Point::LowestCost.asked_in(&normalize("上限はいくら？")));
    assert!(read("設備はいくら以上なら対象？").contains(&Asked::Amount));
}

#[test]
fn a_yes_no_sentence_of_its_own_adds_who_may_apply() {
    assert_eq!(
        read("ISOの補助、更新でもいける？あと区内で何年営業してればいい？"),
        vec![Asked::Eligibility, Asked::Years]
    );
    // One sentence asking the years of a case stays a question on the years.
    assert_eq!(read("開業前でも申し込めますか"), vec![Asked::Years]);
}

#[test]
fn a_headcount_puts_a_case_to_the_rule() {
    assert_eq!(
        read("Can a company with 400 employees use the childcare leave incentive?"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("Can a company use the childcare leave incentive?"),
        vec![]
    );
}

#[test]
fn a_definition_of_size_and_a_tax_benefit_are_read() {
    assert_eq!(
        read("For the ward's loan mediation, what counts as an SME?"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("What are the tax benefits under the investment promotion tax system?"),
        vec![Asked::Rate]
    );
}

#[test]
fn easy_japanese_is_read_word_by_word_and_sentence_by_sentence() {
    // "りょうほう" (both) is not asked inside "いりょうほうじん" (a medical corporation).
    assert!(
        !read("わたし の かいしゃ は いりょうほうじん です。BCP の じょせいきん を つかえますか")
            .contains(&Asked::Combination)
    );
    assert_eq!(read("りょうほう つかえますか"), vec![Asked::Combination]);
    // "いくら" asks the amount in its own sentence, beside one asking the years.
    assert_eq!(
        read(
            "しょうひょう を とりたい です。みなとく の ほじょ は いくら まで ですか。なんねん えいぎょう が ひつよう ですか"
        ),
        vec![Asked::Amount, Asked::Years]
    );
    // A headcount in kana puts the case to the rule.
    assert_eq!(
        read("みせ の じゅうぎょういん は 4にん です。はいれますか"),
        vec![Asked::Eligibility]
    );
}

#[test]
fn how_long_it_runs_is_the_term_not_years_in_business() {
    assert_eq!(read("公庫の資本性ローンの返済期間は？"), vec![Asked::Term]);
    assert_eq!(
        read("What is the maximum and the repayment period of the bankruptcy loan?"),
        vec![Asked::Amount, Asked::Term]
    );
    assert_eq!(
        read("For how many years is the scholarship support paid?"),
        vec![Asked::Term]
    );
    // Years in business asked beside the term stay asked.
    assert_eq!(
        read("返済期間と、創業して何年まで使えるか教えて"),
        vec![Asked::Term, Asked::Years]
    );
}

#[test]
fn a_sentence_on_ones_own_business_puts_the_case() {
    assert_eq!(
        read("うち の じむしょ は バーチャルオフィス です。みなとく の ほじょきん は つかえますか"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("We're a retail shop in Minato. Can we apply for the cyber security grant?"),
        vec![Asked::Eligibility]
    );
}

#[test]
fn years_combined_and_days_it_takes_are_not_a_combination_nor_a_deadline() {
    assert_eq!(
        read("I have run businesses for a combined six years. How many years are required?"),
        vec![Asked::Years]
    );
    assert_eq!(
        read("Can it be combined with the Tokyo grant?"),
        vec![Asked::Combination]
    );
    assert_eq!(
        read("にんていは、もうしこんでから なんにち くらい かかりますか。"),
        vec![Asked::HowToApply]
    );
}

#[test]
fn having_received_one_support_asks_whether_another_combines() {
    for q in [
        "東京都の創業助成金をもらった会社でも、港区の創業補助金は使えますか？",
        "じぞくか ほじょきん を もらいました。 みなとく の ほじょきん も もらえますか？",
    ] {
        let mut read = read(q);
        read.sort();
        assert_eq!(read, vec![Asked::Eligibility, Asked::Combination], "{q}");
    }
}
