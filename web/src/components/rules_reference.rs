//! Every rule with its code, severity, summary and why: where finding codes link to.
//! Drawn once, through `CachedPart` (it never changes).

use storage_core::rules::{self, FixKind};
use yew::prelude::*;

use super::message::message;

pub fn rules_reference() -> Html {
    html! {
        <section class="rules" id="rules" aria-label="Rule reference">
            <h2>{ format!("Rule reference ({} rules)", rules::all().count()) }</h2>
                <dl>
                    { for rules::all().map(|rule| html! {
                        <div class="rule" id={format!("rule-{}", rule.code)}>
                            <dt>
                                <code>{ rule.code }</code>
                                <span class={classes!("badge", rule.severity.as_str())}>{ rule.severity.as_str() }</span>
                                { message(rule.summary) }
                                { match rule.fix {
                                    FixKind::Safe => html! { <span class="fix-kind">{ "safe fix" }</span> },
                                    FixKind::Suggested => html! { <span class="fix-kind">{ "suggested fix" }</span> },
                                    FixKind::None => html! {},
                                } }
                            </dt>
                            <dd>{ message(rule.why) }</dd>
                        </div>
                    }) }
                </dl>
        </section>
    }
}
